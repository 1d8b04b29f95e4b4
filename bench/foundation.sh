#!/usr/bin/env bash
# Foundation benchmark: page weight of the sign-in page and request rates of the sign-in page,
# the readiness probe and an authenticated API call, against a Release build on loopback.
# Needs: wrk (Debian package). Usage: bench/foundation.sh [seconds per run, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
port=5090
data=$(mktemp -d /tmp/ura-bench.XXXXXX)
trap 'kill $server 2>/dev/null; rm -rf "$data"' EXIT

command -v wrk >/dev/null || { echo "Install wrk: apt-get install wrk" >&2; exit 1; }
dotnet build src/Ura -c Release -nologo -v quiet >/dev/null
Ura__DataDirectory="$data" dotnet src/Ura/bin/Release/net10.0/Ura.dll serve --demo --urls "http://127.0.0.1:$port" >"$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break
  sleep 0.5
done

echo "## Page weight (bytes transferred, uncompressed)"
html=$(curl -s -o /dev/null -w '%{size_download}' "http://127.0.0.1:$port/account/login")
css=$(curl -s -o /dev/null -w '%{size_download}' "http://127.0.0.1:$port/css/site.css")
echo "sign-in page HTML: $html; stylesheet: $css; total: $((html + css)) (budget 100000)"

token=$(Ura__DataDirectory="$data" dotnet src/Ura/bin/Release/net10.0/Ura.dll users token analyst.al@demo.ura --name bench 2>/dev/null | tail -n 1)

echo
echo "## Throughput: wrk, 2 threads, 16 connections, ${seconds}s each"
for target in /health/ready /account/login; do
  echo "### GET $target"
  wrk -t2 -c16 -d"${seconds}s" --latency "http://127.0.0.1:$port$target" | grep -E 'Requests/sec|50%|99%'
done
echo "### GET /api/v1/me (bearer token: hash lookup, user and claims load)"
wrk -t2 -c16 -d"${seconds}s" --latency -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/me" | grep -E 'Requests/sec|50%|99%|Non-2xx'
