#!/usr/bin/env bash
# Profile of one 20-line order (issue #11 item 7): where its time goes, in PostgreSQL and in the JVM.
#   - PostgreSQL: every statement of the bench database is logged with its duration
#     (log_min_duration_statement = 0 on that database only; pg_stat_statements needs
#     shared_preload_libraries, which a running shared server cannot get without a restart), while ONE
#     connection places orders for PROFILE_SECONDS; the script groups the log by statement and prints the
#     statements per order, the round trips per order and the server time of each statement.
#   - JVM: a JFR recording (settings=profile, socket reads from 0 ms) of the application while one client
#     places orders on 16 connections for the same time: /tmp/<db>.jfr; `jfr print --events
#     jdk.ExecutionSample` / `jfr summary` read it; bench/JfrProfile.java prints the last seconds' CPU samples
#     by library and the socket reads (round trips to PostgreSQL, port 5432) by calling application method.
#   bench/order-profile.sh [seconds]
# PROFILE_CONNECTIONS (default 1): connections of the logged part; PROFILE_CLIENTS (1 or 16, default 1):
# one client on all of them, or each connection its own client (as order-throughput.sh's two runs).
source "$(dirname "$0")/lib.sh"
PROFILE_SECONDS="${1:-10}"
PGLOG="${PGLOG:-/var/log/postgresql/postgresql-15-main.log}"
command -v wrk > /dev/null || { apt-get update -qq > /dev/null && apt-get install -y -qq wrk > /dev/null; }
psql -h 127.0.0.1 -U postgres -q -c "CREATE DATABASE \"${DB}\"" postgres
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx512m} -XX:StartFlightRecording=filename=/tmp/${DB}.jfr,settings=profile,jdk.SocketRead#threshold=0ms,jdk.SocketWrite#threshold=0ms"
start_app
TOKENS=$(mktemp)
java "$ROOT/bench/OrderBench.java" "$BASE_URL" "$OPERATOR_ID" "$OPERATOR_SECRET" tokens "$TOKENS"
head -n 1 "$TOKENS" > "$TOKENS.one"
export QM_TOKENS="$TOKENS.one"
wrk -t1 -c1 -d3s -s "$ROOT/bench/orders.lua" "$BASE_URL" > /dev/null # warm-up, not logged
vacuum_analyze # the planner's statistics, as autovacuum would keep them (lib.sh)
# New connections pick the setting up; the server closes the pool's open ones, which the pool replaces.
psql -h 127.0.0.1 -U postgres -q -c "ALTER DATABASE \"${DB}\" SET log_min_duration_statement = 0" postgres
psql -h 127.0.0.1 -U postgres -q -At -c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '${DB}' AND usename = 'quartermaster_api'" postgres > /dev/null
wrk -t1 -c1 -d2s -s "$ROOT/bench/orders.lua" "$BASE_URL" > /dev/null # the pool replaces the closed connections
FROM_BYTE=$(stat -c %s "$PGLOG")
BEFORE=$(psql -h 127.0.0.1 -U postgres -At -c "SELECT count(*) FROM orders.orders" "$DB")
CONNECTIONS="${PROFILE_CONNECTIONS:-1}"
[ "${PROFILE_CLIENTS:-1}" = 16 ] && export QM_TOKENS="$TOKENS"
OUT=$(wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"${PROFILE_SECONDS}s" --latency -s "$ROOT/bench/orders.lua" "$BASE_URL")
AFTER=$(psql -h 127.0.0.1 -U postgres -At -c "SELECT count(*) FROM orders.orders" "$DB")
psql -h 127.0.0.1 -U postgres -q -c "ALTER DATABASE \"${DB}\" RESET log_min_duration_statement" postgres
N=$((AFTER - BEFORE))
echo "${PROFILE_CLIENTS:-1} client(s) on $CONNECTIONS connection(s), statement log on: $N orders in ${PROFILE_SECONDS} s, p50 $(echo "$OUT" | awk '$1 == "50%" { print $2 }')"
tail -c +"$((FROM_BYTE + 1))" "$PGLOG" | python3 "$ROOT/bench/pglog-profile.py" "$DB" "$N"
export QM_TOKENS="$TOKENS.one"
OUT16=$(wrk -t16 -c16 -d"${PROFILE_SECONDS}s" --latency -s "$ROOT/bench/orders.lua" "$BASE_URL")
echo "one client on 16 connections, JFR on: $(echo "$OUT16" | sed -n 's/^Requests\/sec: *//p') orders/s"
jcmd "$APP_PID" JFR.dump name=1 filename="/tmp/${DB}.jfr" > /dev/null
echo "JFR recording: /tmp/${DB}.jfr; its last ${PROFILE_SECONDS} s:"
java -Xmx2g "$ROOT/bench/JfrProfile.java" "/tmp/${DB}.jfr" "$PROFILE_SECONDS"
rm -f "$TOKENS" "$TOKENS.one"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
