#!/usr/bin/env bash
# Case benchmark: latency (p50, p95) of the case list, the name search and the case page at 1,000 and
# then 100,000 demo cases, on a Release build with SQLite, signed in as a supervisor (who sees the whole
# organisation's cases), one connection at a time (wrk -t1 -c1) over loopback, so each figure is one
# request's time in the server plus a loopback round trip.
# Needs: wrk and curl (Debian packages). Usage: bench/cases.sh [seconds per run, default 10] [large count, default 100000]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
large=${2:-100000}
port=5091
base="http://127.0.0.1:$port"
data=$(mktemp -d /tmp/ura-bench.XXXXXX)
server=
trap 'test -n "$server" && kill $server 2>/dev/null; rm -rf "$data"' EXIT

command -v wrk >/dev/null || { echo "Install wrk: apt-get install wrk" >&2; exit 1; }
ura() { Ura__DataDirectory="$data" dotnet src/Ura/bin/Release/net10.0/Ura.dll "$@"; }

start() {
  # Started directly (not through the function), so $! is the server's own process.
  Ura__DataDirectory="$data" dotnet src/Ura/bin/Release/net10.0/Ura.dll serve --demo --urls "$base" >"$data/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 240); do
    curl -sf "$base/health/ready" >/dev/null && return
    sleep 0.5
  done
  echo "Ura did not start:" >&2; cat "$data/server.log" >&2; exit 1
}

stop() { kill "$server"; wait "$server" 2>/dev/null || true; server=; }

jar="$data/cookies"
source bench/signin.sh

run() { # label, request file
  printf '%-48s ' "$1"
  BENCH_REQUESTS="$2" BENCH_COOKIE="$cookie" wrk -t1 -c1 -d"${seconds}s" -s bench/latency.lua "$base" | tail -n 1
}

measure() {
  start
  cookie=$(signin supervisor.al@demo.ura)
  echo "## $1 demo cases"
  # Up to 250 case ids of the organisation, from ten pages spread over the list (it pages through 1,000 at most).
  : >"$data/ids"
  for page in 1 5 9 13 17 21 25 29 33 37; do
    curl -s -H "Cookie: $cookie" "$base/api/v1/cases?scope=organisation&sort=reference&page=$page" | { grep -o '"id":"[^"]*","reference"' || true; } | cut -d'"' -f4 >>"$data/ids"
  done
  sed 's|^|GET /cases/|' "$data/ids" >"$data/case-pages"
  printf 'GET /cases?scope=organisation\nGET /cases?scope=organisation&page=2\nGET /cases?scope=organisation&sort=opened&page=3\n' >"$data/list"
  printf 'GET /cases?scope=organisation&status=Active&overdue=true\nGET /cases?scope=organisation&stage=Return&gender=Feminine\nGET /cases?scope=organisation&ageBand=From12To17&traffickingStatus=ActualVictimOfTrafficking\nGET /cases?scope=organisation&exploitationType=SexualExploitation\n' >"$data/filters"
  printf 'GET /cases?scope=organisation&reference=AL-2025-0001\nGET /cases?reference=AL-2026-00012\n' >"$data/reference"
  printf 'POST /api/v1/cases/search {"name":"Drita Hoxha","filter":{"scope":"organisation"}}\nPOST /api/v1/cases/search {"name":"Besa","filter":{"scope":"organisation"}}\nPOST /api/v1/cases/search {"name":"Gashi","filter":{"scope":"organisation"}}\n' >"$data/search"
  run "case list, organisation, pages 1-3" "$data/list"
  run "case list with filters" "$data/filters"
  run "case list, reference search" "$data/reference"
  run "name search (blind index, API)" "$data/search"
  run "case page ($(wc -l <"$data/ids") cases in turn)" "$data/case-pages"
  stop
}

dotnet build src/Ura -c Release -nologo -v quiet >/dev/null
ura demo seed --cases 1000 >/dev/null
measure 1000
echo
echo "Seeding $((large - 1000)) more cases..."
began=$SECONDS
ura demo seed --cases $((large - 1000)) >/dev/null
echo "seeded in $((SECONDS - began)) s"
ls -l "$data/ura.db" | awk '{ printf "database file: %d MB\n", $5 / 1048576 }'
measure "$large"
