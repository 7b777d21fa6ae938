#!/usr/bin/env bash
# A/B of two builds on a busy machine (ADR 0053): starts this checkout's fast-jar (A) and another
# checkout's (B, its root given) side by side, each on a fresh database, sets both up like
# bench/order-throughput.sh, then alternates short wrk runs A, B, A, B… so that both see the same load
# drift: one connection (one client), and one client on 16 connections. Prints every run's orders/s.
#   bench/order-ab.sh <other checkout root> [rounds] [seconds]
source "$(dirname "$0")/lib.sh"
OTHER="$1"; ROUNDS="${2:-4}"; SECS="${3:-5}"
command -v wrk > /dev/null || { apt-get update -qq > /dev/null && apt-get install -y -qq wrk > /dev/null; }
DB_A="$DB"
start_app "${BENCH_PORT_A:-18401}"
PID_A=$APP_PID
# B: the other build on a database of its own, same secrets
DB="${DB_A}_b"
(cd "$OTHER" && [ -f target/quarkus-app/quarkus-run.jar ]) || { echo "build $OTHER first" >&2; exit 1; }
ROOT_A="$ROOT"; ROOT="$OTHER"
start_app "${BENCH_PORT_B:-18402}"
ROOT="$ROOT_A"
A_URL="http://localhost:${BENCH_PORT_A:-18401}"; B_URL="http://localhost:${BENCH_PORT_B:-18402}"
TA=$(mktemp); TB=$(mktemp)
java "$ROOT/bench/OrderBench.java" "$A_URL" "$OPERATOR_ID" "$OPERATOR_SECRET" tokens "$TA"
java "$ROOT/bench/OrderBench.java" "$B_URL" "$OPERATOR_ID" "$OPERATOR_SECRET" tokens "$TB"
head -n 1 "$TA" > "$TA.one"; head -n 1 "$TB" > "$TB.one"
rate() { # url, tokens, connections
  QM_TOKENS="$2" wrk -t"$3" -c"$3" -d"${SECS}s" -s "$ROOT/bench/orders.lua" "$1" | sed -n 's/^Requests\/sec: *//p'
}
for c in 1 16; do # warm-up
  rate "$A_URL" "$TA.one" "$c" > /dev/null; rate "$B_URL" "$TB.one" "$c" > /dev/null
done
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r: 1 connection A $(rate "$A_URL" "$TA.one" 1) B $(rate "$B_URL" "$TB.one" 1);" \
       "1 client x 16 connections A $(rate "$A_URL" "$TA.one" 16) B $(rate "$B_URL" "$TB.one" 16);" \
       "load $(cut -d' ' -f1 /proc/loadavg)"
done
rm -f "$TA" "$TB" "$TA.one" "$TB.one"
psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS \"${DB_A}_b\" WITH (FORCE)" postgres > /dev/null 2>&1 || true
DB="$DB_A"
