#!/usr/bin/env bash
# Runs every Ura test: the unit and HTTP integration suite on SQLite, the same suite on a throwaway
# PostgreSQL server, then the browser tests in Debian's Chromium. Installs what is missing when it
# can (as root, with apt). Last line: "N passed, N failed, N skipped". With CI=true a skipped test fails the run.
set -uo pipefail
cd "$(dirname "$0")"
root=$PWD
work=$(mktemp -d /tmp/ura-test.XXXXXX)
chmod 755 "$work"
pg_data="$work/pg"
pg_port=""

say() { printf '\n== %s\n' "$*"; }

cleanup() {
  if [ -n "$pg_port" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing: $*. Install Debian's packages: sudo apt-get install $*" >&2
    exit 1
  fi
  say "installing $* with apt"
  if [ -z "${apt_updated:-}" ]; then
    apt-get update -qq >/dev/null
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || { echo "apt-get install $* failed" >&2; exit 1; }
}

# --- prerequisites ---------------------------------------------------------------------------
command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required: https://dot.net" >&2; exit 1; }
[ -x /usr/bin/chromium ] || apt_install chromium
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  apt_install postgresql
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

# PostgreSQL refuses to run as root; run it as the postgres user the Debian package creates.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  local port
  for port in $(seq 55432 55532); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "No free port for PostgreSQL between 55432 and 55532" >&2
  exit 1
}

# --- throwaway PostgreSQL ----------------------------------------------------------------------
say "starting a throwaway PostgreSQL ($("$pg_bin/postgres" --version))"
mkdir -p "$pg_data"
[ "$(id -u)" -eq 0 ] && chown postgres "$pg_data"
as_pg "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log"; exit 1; }
pg_port=$(free_port)
as_pg "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w \
  -o "-p $pg_port -k $pg_data -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null \
  || { cat "$pg_data/server.log"; exit 1; }
postgres_cs="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Include Error Detail=true"

# --- build once ---------------------------------------------------------------------------------
say "building"
dotnet build Ura.slnx -c Release -warnaserror -nologo -v quiet || { echo "Build failed." >&2; echo "0 passed, 1 failed, 0 skipped"; exit 1; }

status=0
run_suite() {
  local name=$1; shift
  say "$name"
  "$@" --no-build -c Release --nologo --logger "trx;LogFileName=$name.trx" --results-directory "$work/results" || status=1
}

run_suite sqlite dotnet test tests/Ura.Tests
URA_TEST_POSTGRES="$postgres_cs" run_suite postgres dotnet test tests/Ura.Tests
run_suite browser dotnet test tests/Ura.BrowserTests

# --- totals from the TRX files --------------------------------------------------------------------
passed=0; failed=0; skipped=0; files=0
for trx in "$work"/results/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
if [ "$files" -lt 3 ]; then
  echo "A test run produced no results (crashed before reporting)." >&2
  failed=$((failed + 3 - files))
fi
if [ "${CI:-}" = "true" ] && [ "$skipped" -gt 0 ]; then
  echo "CI=true: skipped tests count as failures." >&2
  status=1
fi
[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
