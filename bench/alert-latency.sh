#!/usr/bin/env bash
# Alert latency (issue 8): sample sent -> webhook received, flinq server vs prometheus + prometheus-alertmanager, same
# input (bench/Flinq.AlertLatency streams remote_write and receives the webhooks).
#   bench/alert-latency.sh [RULES] [SERIES] [SECONDS]      defaults: 100 rules, 10,000 series, 40 s
# Environment: SKIP_BUILD=1 reuses the last build; SLIDE=1s gives the Flinq rules a sliding window; OOO=1s sets flinq's alert_out_of_orderness (default 5s); ONLY=flinq|prometheus runs one side; KEEP=DIR copies the generated
# configurations (flinq-rules.yaml, alertmanager.yml, prometheus.yml, prometheus-rules.yml) and logs to DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
RULES=${1:-100}
SERIES=${2:-10000}
SECS=${3:-40}
if [[ -z "${SKIP_BUILD:-}" ]]; then
  dotnet build src/Flinq.Cli -c Release -v q -nologo >/dev/null
  dotnet build bench/Flinq.AlertLatency -c Release -v q -nologo >/dev/null
fi
WORK=$(mktemp -d /tmp/flinq-alert-latency.XXXXXX)
cp -r src/Flinq.Cli/bin/Release/net10.0 "$WORK/cli"
cp -r bench/Flinq.AlertLatency/bin/Release/net10.0 "$WORK/harness"
H="dotnet $WORK/harness/Flinq.AlertLatency.dll"
PIDS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do [[ -n "$p" ]] && kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]:-}"; do [[ -n "$p" ]] && wait "$p" 2>/dev/null || true; done
  if [[ -n "${KEEP:-}" ]]; then mkdir -p "$KEEP"; cp "$WORK"/conf/* "$WORK"/*.log "$KEEP"/ 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_ready() { for _ in $(seq 1 600); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "not ready: $1" >&2; exit 1; }

HOOK=$(free_port); AM=$(free_port); PROM=$(free_port); FLINQ=$(free_port)
$H config --rules "$RULES" --webhook "http://127.0.0.1:$HOOK/hook/" --alertmanager "127.0.0.1:$AM" --out "$WORK/conf" ${SLIDE:+--slide "$SLIDE"} >/dev/null
echo "# $(date -u +%FT%TZ) $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $RULES rules, $SERIES series, $SECS s"

if [[ "${ONLY:-flinq}" == flinq || -z "${ONLY:-}" ]]; then
  dotnet "$WORK/cli/Flinq.Cli.dll" server --listen 127.0.0.1:$FLINQ --data "$WORK/flinq-data" \
    --rule-files "$WORK/conf/flinq-rules.yaml" --alertmanager-config "$WORK/conf/alertmanager.yml" ${OOO:+--alert-out-of-orderness "$OOO"} >"$WORK/flinq.log" 2>&1 &
  FPID=$!; PIDS+=("$FPID")
  wait_ready "http://127.0.0.1:$FLINQ/-/ready"
  sleep 2
  echo -n "flinq      "; $H run --write "http://127.0.0.1:$FLINQ/" --webhook-port "$HOOK" --rules "$RULES" --series "$SERIES" --seconds "$SECS"
  kill "$FPID"; wait "$FPID" 2>/dev/null || true
fi

if [[ "${ONLY:-prometheus}" == prometheus || -z "${ONLY:-}" ]]; then
  /usr/bin/prometheus-alertmanager --config.file="$WORK/conf/alertmanager.yml" --storage.path="$WORK/am-data" \
    --web.listen-address=127.0.0.1:$AM --cluster.listen-address= >"$WORK/alertmanager.log" 2>&1 &
  APID=$!; PIDS+=("$APID")
  (cd "$WORK/conf" && exec /usr/bin/prometheus --config.file=prometheus.yml --storage.tsdb.path="$WORK/prom-data" \
    --web.listen-address=127.0.0.1:$PROM --web.enable-remote-write-receiver) >"$WORK/prometheus.log" 2>&1 &
  PPID_=$!; PIDS+=("$PPID_")
  wait_ready "http://127.0.0.1:$AM/-/ready"
  wait_ready "http://127.0.0.1:$PROM/-/ready"
  sleep 2
  echo -n "prometheus "; $H run --write "http://127.0.0.1:$PROM/" --webhook-port "$HOOK" --rules "$RULES" --series "$SERIES" --seconds "$SECS"
  kill "$PPID_" "$APID"; wait "$PPID_" "$APID" 2>/dev/null || true
fi
