#!/usr/bin/env bash
# Flinq server vs Debian's victoria-metrics on the same machine, fed the same pre-encoded payloads by the same load
# generator (bench/Flinq.Server.Load). Prints acknowledged samples/s and each server's CPU seconds (from /proc) per
# million samples; then Flinq's OTLP log records/s and the 24 h x 10,000 series load and query latencies.
#   bench/server-vs-vm.sh [SECONDS] [ROUNDS]      defaults: 20 s per run, 2 rounds (alternating servers)
# Environment: SKIP_BUILD=1 reuses the last build; FLINQ_PERF=1 records `perf` for the Flinq remote_write run into
# /tmp/flinq-rw.perf.data; FLINQ_LOAD_WARMUP=N sends N s of load before each measured run (steady state, not start-up);
# BASELINE_CLI=DIR (a copy of an older src/Flinq.Cli/bin/Release/net10.0) adds a Flinq-baseline run to every round,
# for before/after under the same conditions; SKIP_24H=1 leaves out the 24 h load and the queries.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-20}
ROUNDS=${2:-2}
if [[ -z "${SKIP_BUILD:-}" ]]; then
  dotnet build src/Flinq.Cli -c Release -v q -nologo >/dev/null
  dotnet build bench/Flinq.Server.Load -c Release -v q -nologo >/dev/null
fi
VM=${VM:-/usr/bin/victoria-metrics}
[[ -x $VM ]] || { echo "victoria-metrics not found at $VM: apt-get install victoria-metrics" >&2; exit 1; }
WORK=$(mktemp -d /tmp/flinq-vs-vm.XXXXXX)
# Run copies of the binaries, so a rebuild during the run does not swap them underneath.
cp -r src/Flinq.Cli/bin/Release/net10.0 "$WORK/cli"
cp -r bench/Flinq.Server.Load/bin/Release/net10.0 "$WORK/load"
CLI=$WORK/cli/Flinq.Cli.dll
if [[ -n "${BASELINE_CLI:-}" ]]; then cp -r "$BASELINE_CLI" "$WORK/baseline"; fi
LOAD=$WORK/load/Flinq.Server.Load.dll
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [[ -n "$p" ]] && kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_ready() { for _ in $(seq 1 300); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "not ready: $1" >&2; exit 1; }

start_flinq() { # $1 = data dir, $2 = CLI dll (default: this build); sets SERVER_PID, URL
  local port; port=$(free_port)
  local CLI=${2:-$CLI}
  if [[ -n "${FLINQ_PERF:-}" ]]; then
    DOTNET_PerfMapEnabled=3 DOTNET_EnableWriteXorExecute=0 perf record -F 999 -g -o /tmp/flinq-rw.perf.data -- \
      dotnet "$CLI" server --listen 127.0.0.1:$port --data "$1" >"$WORK/flinq.log" 2>&1 &
    sleep 1; SERVER_PID=$(pgrep -P $! | head -1)
  else
    dotnet "$CLI" server --listen 127.0.0.1:$port --data "$1" >"$WORK/flinq.log" 2>&1 &
    SERVER_PID=$!
  fi
  PIDS+=("$!"); URL=http://127.0.0.1:$port/
  wait_ready "${URL}-/ready"
}
start_vm() {
  local port; port=$(free_port)
  "$VM" -httpListenAddr=127.0.0.1:$port -storageDataPath="$1" -retentionPeriod=1d -loggerLevel=ERROR >"$WORK/vm.log" 2>&1 &
  SERVER_PID=$!; PIDS+=("$!"); URL=http://127.0.0.1:$port/
  wait_ready "${URL}health"
}
stop() { kill -TERM "$SERVER_PID" 2>/dev/null || true; wait "${PIDS[-1]}" 2>/dev/null || true; }

echo "# $(date -u +%FT%TZ) $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); ${SECONDS_PER_RUN} s per run, ${ROUNDS} rounds, ${FLINQ_LOAD_WARMUP:-0} s warm-up"
for round in $(seq 1 "$ROUNDS"); do
  if [[ -n "${BASELINE_CLI:-}" ]]; then
    FLINQ_PERF= start_flinq "$WORK/base-$round" "$WORK/baseline/Flinq.Cli.dll"
    echo -n "round $round flinq baseline   "; dotnet "$LOAD" "$URL" "$SERVER_PID" remote_write "$SECONDS_PER_RUN"
    stop
  fi
  start_flinq "$WORK/flinq-$round"
  echo -n "round $round flinq            "; dotnet "$LOAD" "$URL" "$SERVER_PID" remote_write "$SECONDS_PER_RUN"
  stop
  start_vm "$WORK/vm-$round"
  echo -n "round $round victoria-metrics "; dotnet "$LOAD" "$URL" "$SERVER_PID" remote_write "$SECONDS_PER_RUN"
  stop
done
FLINQ_PERF= start_flinq "$WORK/flinq-logs"
echo -n "flinq OTLP logs        "; dotnet "$LOAD" "$URL" "$SERVER_PID" otlp_logs "$SECONDS_PER_RUN"
stop
if [[ -z "${SKIP_24H:-}" ]]; then
  FLINQ_PERF= start_flinq "$WORK/flinq-24h"
  echo -n "flinq 24h load         "; dotnet "$LOAD" "$URL" "$SERVER_PID" load24h 0
  dotnet "$LOAD" "$URL" "$SERVER_PID" query 0
  stop
fi
echo "# load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
