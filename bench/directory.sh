#!/usr/bin/env bash
# Directory and referral benchmark: latency (p50, p95) of the directory search page, the HSDS
# services search and the referral inbox page, on a Release build with SQLite, with the demo data
# plus 2,000 more services and 100,000 referrals (bench/directory-seed.sql), signed in as the
# Albanian shelter NGO's case worker (whose organisation receives one referral in five), one
# connection at a time (wrk -t1 -c1) over loopback.
# Needs: wrk, curl and sqlite3 (Debian packages).
# Usage: bench/directory.sh [seconds per run, default 10] [services, default 2000] [referrals, default 100000]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
services=${2:-2000}
referrals=${3:-100000}
port=5093
base="http://127.0.0.1:$port"
data=$(mktemp -d /tmp/ura-bench.XXXXXX)
server=
trap 'test -n "$server" && kill $server 2>/dev/null; rm -rf "$data"' EXIT

for tool in wrk curl sqlite3; do
  command -v $tool >/dev/null || { echo "Install $tool: apt-get install $tool" >&2; exit 1; }
done
ura() { Ura__DataDirectory="$data" dotnet src/Ura/bin/Release/net10.0/Ura.dll "$@"; }

start() {
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
  printf '%-52s ' "$1"
  BENCH_REQUESTS="$2" BENCH_COOKIE="$cookie" wrk -t1 -c1 -d"${seconds}s" -s bench/latency.lua "$base" | tail -n 1
}

term() { sqlite3 "$data/ura.db" "SELECT Id FROM TaxonomyTerms WHERE Code = '$1'" | tr 'A-Z' 'a-z'; }

dotnet build src/Ura -c Release -nologo -v quiet >/dev/null
ura demo seed --cases 2000 >/dev/null
began=$SECONDS
sed "s/@SERVICES@/$services/g; s/@REFERRALS@/$referrals/g" bench/directory-seed.sql | sqlite3 "$data/ura.db"
echo "seeded $services services and $referrals referrals in $((SECONDS - began)) s:" \
  "$(sqlite3 "$data/ura.db" 'SELECT count(*) FROM Services') services," \
  "$(sqlite3 "$data/ura.db" 'SELECT count(*) FROM Referrals') referrals"

start
cookie=$(signin caseworker.al@demo.ura)
legal=$(term legal-counselling)
shelter=$(term emergency-shelter)
# The directory search page (issue 4's example: legal counselling, Skopje, speaks Albanian, accepts minors, and others).
# Paths go to wrk as they are: non-ASCII letters must be percent-encoded.
cat >"$data/directory" <<LIST
GET /directory
GET /directory?category=legal-counselling&country=MK&city=%D0%A1%D0%BA%D0%BE%D0%BF%D1%98%D0%B5&language=sq&minors=true
GET /directory?category=emergency-shelter&country=AL
GET /directory?q=psych&language=en
GET /directory?country=RS&age=16&gender=Feminine&page=2
LIST
cat >"$data/hsds" <<LIST
GET /hsds/services?search=legal
GET /hsds/services?search=shelter&taxonomy_term_id=$shelter
GET /hsds/services?taxonomy_term_id=$legal&page=2
GET /hsds/services?search=bench%20service%201&per_page=20
GET /hsds/services?modified_after=2026-06-01T00:00:00Z&page=3
LIST
cat >"$data/inbox" <<LIST
GET /referrals/inbox
GET /referrals/inbox?status=Sent
GET /referrals/inbox?status=Acknowledged
GET /referrals/inbox?page=2
LIST
echo "## $(sqlite3 "$data/ura.db" 'SELECT count(*) FROM Services') services, $(sqlite3 "$data/ura.db" 'SELECT count(*) FROM Referrals') referrals"
run "directory search page (5 searches in turn)" "$data/directory"
run "HSDS /hsds/services searches (5 in turn)" "$data/hsds"
run "referral inbox page (4 views in turn)" "$data/inbox"
stop
