#!/usr/bin/env bash
# Federation benchmark: two nodes (al -> xk) as separate `serve` processes on loopback, each with
# its own data directory, key and SQLite database, set up with `ura node init` and `ura peers add`.
#   0. Warm-up: 300 messages (JIT and EF query compilation).
#   1. Throughput: N test messages (federation.ping) committed by `ura peers ping` while al's server
#      is stopped, then delivered when it starts again. messages/s = N / (last applied at xk - first
#      received at xk); and the CPU time the two servers used per message.
#   2. Latency: with both running, M messages are committed one every PAUSE ms (each its own
#      transaction, as a real change); for each, applied-at on xk minus created-at on al (the
#      envelope is sealed just before its commit). p50 / p95 / max.
# Needs: sqlite3. Usage: bench/federation.sh [N, default 2000] [M, default 500] [PAUSE ms, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2000}
m=${2:-500}
pause=${3:-10}
conversations=50
root=$(mktemp -d /tmp/ura-bench-federation.XXXXXX)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$root"' EXIT

command -v sqlite3 >/dev/null || { echo "Install sqlite3: apt-get install sqlite3" >&2; exit 1; }
dotnet build src/Ura -c Release -nologo -v quiet >/dev/null
ura="dotnet $PWD/src/Ura/bin/Release/net10.0/Ura.dll"

declare -A port=([al]=5093 [xk]=5094) country=([al]=AL [xk]=XK)
# In production the process that commits a message wakes its own dispatcher at once. Here the
# messages are committed by the `ura peers ping` process, so the server finds them by polling:
# every 50 ms, which adds up to 50 ms (25 on average) to each latency below.
export Ura__Federation__DispatchInterval=00:00:00.050
export Logging__LogLevel__Default=Warning
node() { # node NAME COMMAND...: run a command as node NAME
  local name=$1; shift
  Ura__DataDirectory="$root/$name" Ura__Keys__KeyEncryptionKeyFile="$root/$name.kek" "$@"
}
declare -A pid
serve() {
  node "$1" exec $ura serve --urls "http://127.0.0.1:${port[$1]}" >"$root/$1.log" 2>&1 &
  pid[$1]=$!
  pids+=($!)
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:${port[$1]}/health/ready" >/dev/null && return
    sleep 0.25
  done
  echo "$1 did not start:" >&2; cat "$root/$1.log" >&2; exit 1
}
for name in al xk; do
  mkdir -p "$root/$name"
  head -c 32 /dev/urandom | base64 >"$root/$name.kek"
  node $name $ura countries add "${country[$name]}" "Country ${country[$name]}" >/dev/null
  node $name $ura node init --id $name --country "${country[$name]}" --url "http://127.0.0.1:${port[$name]}" >/dev/null
  node $name $ura node card 2>/dev/null >"$root/$name.card"
done
for pair in "al xk" "xk al"; do
  set -- $pair
  fingerprint=$(sed -n 's/.*"fingerprint": "\([0-9a-f]*\)".*/\1/p' "$root/$2.card")
  node $1 $ura peers add "$root/$2.card" --fingerprint "$fingerprint" >/dev/null
done
sql() { sqlite3 -cmd ".timeout 5000" "$root/xk/ura.db" "ATTACH '$root/al/ura.db' AS al;" "$1"; }
wait_applied() { # wait_applied COUNT
  for _ in $(seq 1 2400); do
    [ "$(sql "SELECT count(*) FROM FederationInbox WHERE Status = 'Applied'")" -ge "$1" ] && return
    sleep 0.25
  done
  echo "xk applied only $(sql "SELECT count(*) FROM FederationInbox WHERE Status = 'Applied'") of $1" >&2; exit 1
}
ms() { echo "(julianday($1) - julianday($2)) * 86400000.0"; }
# CPU time (user + system, in ms) a process has used: on a busy machine wall-clock rates say more
# about the neighbours than about Ura; CPU per message does not.
cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / hz }' "/proc/$1/stat"; }

serve xk
serve al
# Warm-up: the first few hundred messages also pay for JIT compilation and EF query compilation.
node al $ura peers ping xk --count 300 --correlations "$conversations" >/dev/null
wait_applied 300

echo "## Throughput: a backlog of $n messages in $conversations conversations, delivered when al comes back"
# One process commits only about a hundred messages a second (each its own transaction, each
# waiting for the disk), which would measure the committing, not the delivery. So al's server is
# stopped, the messages are committed, and al is started again: it finds them all due at once.
kill "${pid[al]}"; wait "${pid[al]}" 2>/dev/null || true
node al $ura peers ping xk --count "$n" --correlations "$conversations" >/dev/null
xk_cpu=$(cpu "${pid[xk]}")
serve al
al_cpu=$(cpu "${pid[al]}")
wait_applied $((300 + n))
xk_used=$(( $(cpu "${pid[xk]}") - xk_cpu )); al_used=$(( $(cpu "${pid[al]}") - al_cpu ))
last() { echo "(SELECT i.AppliedAt, i.ReceivedAt, o.CreatedAt FROM FederationInbox i JOIN al.FederationOutbox o ON o.Id = i.Id ORDER BY o.CreatedAt DESC LIMIT $1)"; }
sql "SELECT printf('%d messages from the first received to the last applied in %.0f ms: %.0f messages/s', count(*), $(ms 'max(AppliedAt)' 'min(ReceivedAt)'),
       count(*) / ($(ms 'max(AppliedAt)' 'min(ReceivedAt)') / 1000.0)) FROM $(last "$n")"
sql "SELECT printf('delivery attempts: %d for %d messages; dead letters: %d', sum(Attempts), count(*), sum(Status = 'Dead')) FROM al.FederationOutbox"
awk -v x="$xk_used" -v a="$al_used" -v n="$n" 'BEGIN {
  printf "CPU per message: receiver (xk) %.2f ms, sender (al, without the committing command) %.2f ms; two cores for both: about %.0f messages/s\n", x / n, a / n, 2000 / ((x + a) / n) }'

echo
echo "## Latency: $m messages, one every $pause ms, commit (created) on al to applied on xk"
node al $ura peers ping xk --count "$m" --correlations "$conversations" --every "$pause" >/dev/null
wait_applied $((300 + n + m))
sql "SELECT $(ms i.AppliedAt o.CreatedAt) FROM FederationInbox i JOIN al.FederationOutbox o ON o.Id = i.Id
     ORDER BY o.CreatedAt DESC LIMIT $m" | sort -n | awk '{ v[NR] = $1 } END {
  printf "p50 %.1f ms, p95 %.1f ms, max %.1f ms (%d messages)\n", v[int(NR * 0.50 + 0.5)], v[int(NR * 0.95 + 0.5)], v[NR], NR }'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
