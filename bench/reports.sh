#!/usr/bin/env bash
# Report benchmark: the role dashboards (p50/p95), a full-year national indicator report, the TIP table
# and the CTDC export, on a Release build with SQLite holding 100,000 demo cases.
# Needs: wrk, curl and python3. Usage:
#   bench/reports.sh [seconds per wrk run, default 10] [data directory with a seeded database]
# Without a data directory it seeds a new one with `ura demo seed --cases 100000` first (about 18 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
data=${2:-}
port=5092
base="http://127.0.0.1:$port"
server=
scratch=$(mktemp -d /tmp/ura-bench-reports.XXXXXX)
trap 'test -n "$server" && kill $server 2>/dev/null; rm -rf "$scratch"' EXIT

command -v wrk >/dev/null || { echo "Install wrk: apt-get install wrk" >&2; exit 1; }
dotnet build src/Ura -c Release -nologo -v quiet >/dev/null
ura() { Ura__DataDirectory="$data" dotnet src/Ura/bin/Release/net10.0/Ura.dll "$@"; }
if [ -z "$data" ]; then
  data="$scratch/data"
  began=$SECONDS
  ura demo seed --cases 100000 >/dev/null
  echo "seeded 100,000 cases in $((SECONDS - began)) s"
fi

Ura__Jobs__ExportInterval=00:00:01 Ura__DataDirectory="$data" dotnet src/Ura/bin/Release/net10.0/Ura.dll serve --demo --urls "$base" >"$scratch/server.log" 2>&1 &
server=$!
for _ in $(seq 1 600); do
  curl -sf "$base/health/ready" >/dev/null && break
  sleep 0.5
done
curl -sf "$base/health/ready" >/dev/null || { echo "Ura did not start:" >&2; cat "$scratch/server.log" >&2; exit 1; }

# Signs in through the real pages (password, then the demo two-factor code); prints the Cookie header value.
signin() {
  local jar="$scratch/cookies" token
  rm -f "$jar"
  token=$(curl -s -c "$jar" -b "$jar" "$base/account/login" | grep -o 'name="__af" type="hidden" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Input.Email=$1" --data-urlencode "Input.Password=Ura-demo-2026!" \
    --data-urlencode "__af=$token" "$base/account/login"
  token=$(curl -s -c "$jar" -b "$jar" "$base/account/login/two-factor" | grep -o 'name="__af" type="hidden" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Input.Code=$(ura demo code)" --data-urlencode "__af=$token" \
    "$base/account/login/two-factor"
  sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF == 7 { printf "%s=%s; ", $6, $7 }'
}

run() { # label, cookie, request lines
  printf '%s\n' "$3" >"$scratch/requests"
  printf '%-52s ' "$1"
  BENCH_REQUESTS="$scratch/requests" BENCH_COOKIE="$2" wrk -t1 -c1 -d"${seconds}s" -s bench/latency.lua "$base" | tail -n 1
}

# Times one request ten times in a row; prints the median and the slowest.
timed() { # label, cookie, path
  local times
  times=$(for _ in $(seq 1 10); do curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Cookie: $2" "$base$3"; done)
  printf '%-52s ' "$1"
  echo "$times" | python3 -c '
import sys
rows = [l.split() for l in sys.stdin if l.strip()]
codes = {r[0] for r in rows}
t = sorted(float(r[1]) * 1000 for r in rows)
status = ",".join(sorted(codes))
print(f"status {status}, median {t[len(t)//2]:.0f} ms, slowest {t[-1]:.0f} ms")'
}

year=$(date +%Y)
echo "## dashboards (home page per role)"
for who in caseworker supervisor coordinator analyst; do
  cookie=$(signin "$who.al@demo.ura")
  run "dashboard, $who.al" "$cookie" "GET /"
done

echo "## reports"
cookie=$(signin coordinator.al@demo.ura)
timed "indicators, all, Albania, $year" "$cookie" "/reports/indicators?from=$year-01-01&to=$year-12-31"
timed "indicators, all, Albania, $year, by sex" "$cookie" "/reports/indicators?from=$year-01-01&to=$year-12-31&by=sex"
timed "TIP table, Albania, $year" "$cookie" "/reports/tip?country=AL&year=$year"

echo "## CTDC export (coordinator.al: Albania's cases)"
body=$(curl -s -H "Cookie: $cookie" -H 'Content-Type: application/json' -d '{"kind":"Ctdc"}' "$base/api/v1/reports/exports")
id=$(echo "$body" | python3 -c 'import sys, json; print(json.load(sys.stdin)["id"])')
began=$SECONDS
while :; do
  run=$(curl -s -H "Cookie: $cookie" "$base/api/v1/reports/exports/$id")
  echo "$run" | grep -q '"finishedAt":"' && break
  [ $((SECONDS - began)) -gt 900 ] && { echo "export still not done after 15 minutes: $run"; break; }
  sleep 1
done
echo "$run" | python3 -c '
import sys, json
from datetime import datetime
r = json.load(sys.stdin)
took = (datetime.fromisoformat(r["finishedAt"]) - datetime.fromisoformat(r["createdAt"])).total_seconds()
status, cases, k, smallest = r["status"], r["caseCount"], r["verifiedK"], r["smallestGroup"]
print(f"status {status}, {cases} cases, verified k {k}, smallest group {smallest}, {took:.1f} s from request to file (the job looks every second)")'
