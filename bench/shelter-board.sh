#!/usr/bin/env bash
# Availability board benchmark: latency (p50, p95) of the free-beds page and of the board API, on a
# Release build with SQLite, with the demo data plus 500 more shelter facilities and 10,000 more beds
# (bench/shelter-board-seed.sql), signed in as the Albanian shelter NGO's case worker, one connection
# at a time (wrk -t1 -c1) over loopback. Target (issue 6): p95 under 50 ms.
# Needs: wrk, curl and sqlite3 (Debian packages).
# Usage: bench/shelter-board.sh [seconds per run, default 10] [facilities, default 500] [beds, default 10000]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
facilities=${2:-500}
beds=${3:-10000}
port=5094
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

dotnet build src/Ura -c Release -nologo -v quiet >/dev/null
ura demo seed >/dev/null
began=$SECONDS
sed "s/@FACILITIES@/$facilities/g; s/@BEDS_EACH@/$((beds / facilities))/g" bench/shelter-board-seed.sql | sqlite3 "$data/ura.db"
echo "seeded in $((SECONDS - began)) s:" \
  "$(sqlite3 "$data/ura.db" 'SELECT count(*) FROM ShelterFacilities') facilities," \
  "$(sqlite3 "$data/ura.db" 'SELECT count(*) FROM ShelterBeds') beds," \
  "$(sqlite3 "$data/ura.db" "SELECT count(*) FROM ShelterBeds WHERE Status = 'Available'") free"

start
cookie=$(signin caseworker.al@demo.ura)
# The board as referring workers use it: the first visit (own country), another country, a city,
# a type with a population, a bed type, accessibility, every country, a later page.
# Paths go to wrk as they are: non-ASCII letters must be percent-encoded.
cat >"$data/page" <<LIST
GET /shelters/board
GET /shelters/board?country=MK&city=%D0%A1%D0%BA%D0%BE%D0%BF%D1%98%D0%B5
GET /shelters/board?country=RS&type=EmergencyShelter&population=Women&population=MothersWithChildren
GET /shelters/board?country=AL&bedType=Cot
GET /shelters/board?country=&accessible=true&population=PeopleWithDisabilities
GET /shelters/board?country=&page=3
LIST
sed 's|GET /shelters/board|GET /api/v1/shelters/board|' "$data/page" >"$data/api"
echo "## $(sqlite3 "$data/ura.db" 'SELECT count(*) FROM ShelterFacilities') facilities, $(sqlite3 "$data/ura.db" 'SELECT count(*) FROM ShelterBeds') beds"
run "free-beds page /shelters/board (6 searches in turn)" "$data/page"
run "board API /api/v1/shelters/board (6 in turn)" "$data/api"
stop
