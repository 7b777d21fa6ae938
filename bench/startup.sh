#!/usr/bin/env bash
# Start-up time to ready and RSS of the packaged application (JVM mode), on a database that exists and
# is migrated (the first start, which creates and migrates it, is reported separately).
#   bench/startup.sh [RUNS=5]
# Prints, per run, the wall time from exec to the first 200 of /q/health/ready, the RSS and the CPU time
# (user + system, all threads) then, and the median against the SPEC §7 target (3 s) and against a JVM
# floor measured in the same run (`java -version`, the least a JVM start costs on this machine right now).
set -euo pipefail
RUNS="${1:-5}"
source "$(dirname "$0")/lib.sh"
build_app
trap stop_app EXIT # drops the database once, when the script ends
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
BASE_URL="http://localhost:${PORT}"
now() { date +%s%N; }
ready_ms() { # start the app, wait for ready; prints "ms rss_mb cpu_s"
  local t0 t1 pid
  t0=$(now)
  QUARKUS_HTTP_PORT="$PORT" QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/${DB}" \
  QUARTERMASTER_TOKENS_ISSUER="$BASE_URL" QUARTERMASTER_OPERATOR_CLIENT_SECRET="$OPERATOR_SECRET" \
  QUARTERMASTER_SECRETS_PEPPER="$PEPPER" QUARTERMASTER_CRYPTO_ACTIVE_KEY=bench QUARTERMASTER_CRYPTO_KEYS_BENCH="$CRYPTO_KEY" \
    java ${BENCH_JAVA_OPTS:--Xmx512m} -jar "$ROOT/target/quarkus-app/quarkus-run.jar" > "/tmp/${DB}-startup.log" 2>&1 &
  pid=$!
  trap 'kill "${pid:-}" 2> /dev/null || true' EXIT # this runs in a subshell: its exit must not drop the database
  until curl -fs "${BASE_URL}/q/health/ready" > /dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "the application exited; see /tmp/${DB}-startup.log" >&2; exit 1; }
    [ $(( ($(now) - t0) / 1000000 )) -lt 120000 ] || { echo "not ready in 120 s" >&2; exit 1; }
    sleep 0.05
  done
  t1=$(now)
  echo "$(( (t1 - t0) / 1000000 )) $(awk '/VmRSS/ {printf "%.0f", $2/1024}' /proc/$pid/status) $(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' /proc/$pid/stat)"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
floor=()
for _ in 1 2 3; do t0=$(now); java -version > /dev/null 2>&1; floor+=($(( ($(now) - t0) / 1000000 ))); done
first=$(ready_ms)
read -r ms rss cpu <<< "$first"
echo "first start (creates and migrates the database): ${ms} ms to ready, RSS ${rss} MB, ${cpu} s of CPU"
times=()
for i in $(seq 1 "$RUNS"); do
  read -r ms rss cpu <<< "$(ready_ms)"
  times+=("$ms")
  echo "start $i: ${ms} ms to ready, RSS ${rss} MB, ${cpu} s of CPU"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m=$(median "${times[@]}")
f=$(median "${floor[@]}")
echo "median start to ready: ${m} ms = $(awk -v m="$m" 'BEGIN {printf "%.2f", m/3000}') x the 3 s target; JVM floor (java -version) ${f} ms, ratio $(awk -v m="$m" -v f="$f" 'BEGIN {printf "%.1f", m/f}'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
