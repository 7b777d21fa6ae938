# Shared by the benchmark scripts: build the fast-jar once, start it on a fresh database, stop it.
# Source it; it defines start_app and stop_app and sets BASE_URL, OPERATOR_ID, OPERATOR_SECRET.
# BENCH_READY_SECONDS (default 60): how long start_app waits for readiness (a busy machine needs more).
# Its Redis keys have a prefix of their own, so a test suite on the same Redis that locks the operator
# id out after wrong secrets (HostileInputTest) does not lock out the benchmark's operator too.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${BENCH_PORT:-8090}"
BASE_URL="http://localhost:${PORT}"
OPERATOR_ID=operator
OPERATOR_SECRET="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
DB="qm_bench_$(date +%Y%m%d_%H%M%S)"
APP_PID=""
APP_PIDS=""
PEPPER="$(head -c 32 /dev/urandom | base64)"
CRYPTO_KEY="$(head -c 32 /dev/urandom | base64)"

build_app() {
  if [ ! -f "$ROOT/target/quarkus-app/quarkus-run.jar" ] || [ -n "$(find "$ROOT/src/main" -newer "$ROOT/target/quarkus-app/quarkus-run.jar" -type f | head -n 1)" ]; then
    (cd "$ROOT" && ./mvnw -q -B package -DskipTests)
  fi
}

start_app() { # [port] — a second call with another port starts a second instance on the same database
  build_app
  local port="${1:-$PORT}"
  QUARKUS_HTTP_PORT="$port" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/${DB}" \
  QUARTERMASTER_TOKENS_ISSUER="$BASE_URL" \
  QUARTERMASTER_OPERATOR_CLIENT_SECRET="$OPERATOR_SECRET" \
  QUARTERMASTER_SECRETS_PEPPER="$PEPPER" \
  QUARTERMASTER_CRYPTO_ACTIVE_KEY=bench \
  QUARTERMASTER_CRYPTO_KEYS_BENCH="$CRYPTO_KEY" \
  QUARTERMASTER_RATE_LIMIT_KEY_PREFIX="qm:rl:${DB}:" \
  QUARKUS_LOG_LEVEL=WARN \
    java ${BENCH_JAVA_OPTS:--Xmx512m} -jar "$ROOT/target/quarkus-app/quarkus-run.jar" > "/tmp/${DB}-${port}.log" 2>&1 &
  APP_PIDS="$APP_PIDS $!"
  APP_PID=$!
  trap stop_app EXIT
  for _ in $(seq 1 "${BENCH_READY_SECONDS:-60}"); do # a loaded machine may need more: BENCH_READY_SECONDS=300
    if curl -fs "http://localhost:${port}/q/health/ready" > /dev/null 2>&1; then
      return 0
    fi
    sleep 1
  done
  echo "the application did not become ready; log: /tmp/${DB}-${port}.log" >&2
  exit 1
}

# VACUUM ANALYZE of the bench database: what autovacuum does on a normally configured server (the shared
# server here runs with autovacuum off, so nothing else would give the planner statistics of filled tables).
vacuum_analyze() { psql -h 127.0.0.1 -U postgres -q -c "VACUUM ANALYZE" "$DB"; }

# CPU ticks (utime + stime) of every postgres process: backends, WAL writer, checkpointer; and, through the
# postmaster's cutime + cstime, of the backends that have exited (pgbench's connections end with its run).
pg_ticks() {
  local t=0 pid
  for pid in $(pgrep -x postgres); do t=$((t + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0))); done
  for pid in $(pgrep -x -o postgres); do t=$((t + $(awk '{ print $16 + $17 }' "/proc/$pid/stat" 2>/dev/null || echo 0))); done
  echo "$t"
}

# CPU ticks (utime + stime) of the application started last; 0 when none runs.
jvm_ticks() { if [ -n "$APP_PID" ]; then awk '{ print $14 + $15 }' "/proc/$APP_PID/stat"; else echo 0; fi; }

stop_app() {
  for pid in $APP_PIDS $APP_PID; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  APP_PIDS=""
  APP_PID=""
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS \"${DB}\" WITH (FORCE)" postgres > /dev/null 2>&1 || true
}
