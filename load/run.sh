#!/usr/bin/env bash
# One command: start the packaged application on a fresh database and run the Locust profile headless
# against it for a set time, then print Locust's summary (requests/s, percentiles, failures).
#   load/run.sh [DURATION=2m] [USERS=30]
# Needs Debian's python3-locust (installed here when missing), PostgreSQL and Redis on 127.0.0.1.
set -euo pipefail
DURATION="${1:-2m}"
USERS="${2:-30}"
source "$(dirname "$0")/../bench/lib.sh"
if [ ! -x /usr/bin/locust ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-locust >/dev/null
fi
PORT="${BENCH_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}"
BASE_URL="http://localhost:${PORT}"
start_app "$PORT"
mkdir -p "$ROOT/target/locust"
echo "locust: ${USERS} users for ${DURATION} against ${BASE_URL} (database ${DB})"
status=0
QM_OPERATOR_SECRET="$OPERATOR_SECRET" /usr/bin/locust -f "$ROOT/load/locustfile.py" --headless \
  --host "$BASE_URL" -u "$USERS" -r 5 -t "$DURATION" --stop-timeout 10 \
  --csv "$ROOT/target/locust/run" --only-summary 2>&1 | tee "$ROOT/target/locust/summary.txt" || status=$?
echo "RSS after the run: $(awk '/VmRSS/ {printf "%.0f MB", $2/1024}' /proc/$APP_PID/status); load average $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
