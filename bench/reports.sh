#!/usr/bin/env bash
# Report benchmark: the role dashboards (p50/p95), a full-year national indicator report, the TIP table
# and the CTDC export (Albania's cases, then every case of a one-country copy), on a Release build with
# SQLite holding 100,000 demo cases.
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

start() {
  Ura__Jobs__ExportInterval=00:00:01 Ura__DataDirectory="$data" dotnet src/Ura/bin/Release/net10.0/Ura.dll serve --demo --urls "$base" >"$scratch/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 600); do
    curl -sf "$base/health/ready" >/dev/null && break
    sleep 0.5
  done
  curl -sf "$base/health/ready" >/dev/null || { echo "Ura did not start:" >&2; cat "$scratch/server.log" >&2; exit 1; }
}
stop() { kill "$server"; wait "$server" 2>/dev/null || true; server=; }
start

jar="$scratch/cookies"
source bench/signin.sh

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

# Asks for a CTDC export as the signed-in coordinator and prints how long it took to a verified file.
ctdc() { # cookie
  local body id run began=$SECONDS
  body=$(curl -s -H "Cookie: $1" -H 'Content-Type: application/json' -d '{"kind":"Ctdc"}' "$base/api/v1/reports/exports")
  id=$(echo "$body" | python3 -c 'import sys, json; print(json.load(sys.stdin)["id"])')
  while :; do
    run=$(curl -s -H "Cookie: $1" "$base/api/v1/reports/exports/$id")
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
}

echo "## CTDC export (coordinator.al: Albania's cases with consent to research use)"
ctdc "$cookie"

# A coordinator exports their own country's consented cases, about a sixth of the demo. To time the export of
# every case, a copy of the database is made one country whose people all consented to research use.
echo "## CTDC export of every case (a copy: every organisation in Albania, every case consented to research use)"
stop
cp -r "$data" "$scratch/one-country"
data="$scratch/one-country"
python3 - "$data/ura.db" <<'SQL'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript("""
UPDATE Organisations SET Name = Name || ' (' || CountryCode || ')', CountryCode = 'AL' WHERE CountryCode <> 'AL';
UPDATE Consents SET ResearchUse = 1, WithdrawnOn = NULL, GivenOn = min(GivenOn, date('now'));
INSERT INTO Consents SELECT upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))),
  c.Id, c.OrganisationId, t.Purposes, t.SharedWithOrganisations, t.SharedWithOrganisationTypes, t.CrossBorderCountries, 1, t.RetentionMonths,
  t.DataUseExplained, t.RightOfAccessExplained, t.WithdrawalExplained, t.GivenBy, t.GiverName, t.GivenOn, t.TakenById, t.RecordedAt, NULL, NULL, NULL, NULL
  FROM Cases c, (SELECT * FROM Consents LIMIT 1) t WHERE NOT EXISTS (SELECT 1 FROM Consents x WHERE x.CaseId = c.Id);
""")
db.close()
SQL
start
ctdc "$(signin coordinator.al@demo.ura)"
