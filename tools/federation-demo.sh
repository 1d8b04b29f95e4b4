#!/usr/bin/env bash
# Two demo nodes on this machine, Albania (al, http://localhost:5080) and Kosovo (xk, http://localhost:5081),
# each with its own database, data directory and keys, that trust each other: run it from the
# repository root, sign in on each, and send a transnational referral from one to the other.
# Data goes to data/federation-demo/{al,xk}; delete that folder to start again. Ctrl+C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Ura -v quiet -nologo
ura="dotnet src/Ura/bin/Debug/net10.0/Ura.dll"
root="$PWD/data/federation-demo"

declare -A port=([al]=5080 [xk]=5081) country=([al]=AL [xk]=XK)
node_env() { export Ura__DataDirectory="$root/$1" Ura__DemoCases=40; }
# Each node's services reach the other within seconds of starting, not at the directory job's
# five-minute look, so a referral across the border can be tried at once.
export Ura__Federation__DirectoryLookInterval=00:00:10

for node in al xk; do
  if [ ! -f "$root/$node/card.json" ]; then
    node_env "$node"
    $ura demo seed --cases 40 >/dev/null
    $ura node init --id "$node" --country "${country[$node]}" --url "http://localhost:${port[$node]}"
    $ura node card > "$root/$node/card.json"
  fi
done
for node in al xk; do
  other=$([ "$node" = al ] && echo xk || echo al)
  node_env "$node"
  if ! $ura peers list | grep -q "^$other "; then
    fingerprint=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["fingerprint"])' "$root/$other/card.json")
    $ura peers add "$root/$other/card.json" --fingerprint "$fingerprint"
  fi
done

pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait' EXIT INT TERM
for node in al xk; do
  ( node_env "$node"; exec $ura serve --demo --urls "http://localhost:${port[$node]}" >"$root/$node.log" 2>&1 ) &
  pids+=($!)
done
echo "Albania: http://localhost:5080 (caseworker.al@demo.ura)   Kosovo: http://localhost:5081 (caseworker.xk@demo.ura)"
echo "Password Ura-demo-2026!; two-factor code: $ura demo code"
wait
