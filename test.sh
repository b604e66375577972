#!/usr/bin/env bash
# Runs every test of the repository. Installs what the tests need when it is missing, builds in Release,
# runs each test project, and ends with one line: "N passed, N failed" (", N skipped" when any were).
set -uo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# What the tests need from Debian: kcat (a real Kafka client, reads what the Kafka sink wrote); prometheus
# (a real Prometheus that remote-writes into the Flinq server); chromium (the dashboard's browser tests);
# prometheus-alertmanager (amtool, the reference for routing, a real client of the Alertmanager API, the webhook payload
# parity test); python3-aiosmtpd (the real SMTP server of the e-mail tests).
need=()
command -v kcat >/dev/null 2>&1 || need+=(kcat)
[ -x /usr/bin/prometheus ] || need+=(prometheus)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/amtool ] && [ -x /usr/bin/prometheus-alertmanager ] || need+=(prometheus-alertmanager)
/usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1 || need+=(python3-aiosmtpd)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing test dependencies: ${need[*]}"
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; else sudo=""; fi
  $sudo apt-get install -y -q "${need[@]}" >/dev/null 2>&1 || { $sudo apt-get update -q >/dev/null 2>&1 && $sudo apt-get install -y -q "${need[@]}" >/dev/null; } \
    || echo "WARNING: could not install ${need[*]}; the tests that need them will fail and say so."
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT

if ! dotnet build Flinq.slnx -c Release 2>&1 | tee -a "$log" | grep -E "error|Warn|Build succeeded|Elapsed" ; then
  :
fi
if ! grep -q "Build succeeded" "$log"; then
  echo "Build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

status=0
dotnet test Flinq.slnx -c Release --no-build 2>&1 | tee -a "$log" || status=$?

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the runner failed without reporting a failed test (crash, abort): count it
fi
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
