#!/usr/bin/env bash
# Measurement for issue #11 item 5: what the stock events of a 20-line order cost PostgreSQL, written as
# today (one outbox row per SKU) and as one outbox row per transaction listing the SKUs' levels.
# On the application's own schema (migrated by starting it) and with real event payloads (taken from the
# outbox after a few seconds of orders), pgbench runs with 16 connections, each alone on the machine:
#   1. per SKU: one transaction inserting the 20 stock events of an order as 20 outbox rows
#   2. per transaction: one transaction inserting one outbox row whose data lists the same 20 payloads
#   3. and 4. the reader's side: the commit-safe feed read (as OutboxRepository.committedAfter) of 21 rows
#      (an order's 20 stock events and its order event) against 2 rows, from a random position (each read
#      also looks the position's transaction up, the same in both)
# Prints each rate, PostgreSQL's CPU per transaction (from /proc) and the ratio of 2 to 1 and of 4 to 3.
#   bench/stock-events.sh [seconds]
source "$(dirname "$0")/lib.sh"
SECONDS_MEASURED="${1:-15}"
command -v wrk > /dev/null || { apt-get update -qq > /dev/null && apt-get install -y -qq wrk > /dev/null; }
start_app
TOKENS=$(mktemp)
java "$ROOT/bench/OrderBench.java" "$BASE_URL" "$OPERATOR_ID" "$OPERATOR_SECRET" tokens "$TOKENS"
QM_TOKENS="$TOKENS" wrk -t4 -c4 -d5s -s "$ROOT/bench/orders.lua" "$BASE_URL" > /dev/null
rm -f "$TOKENS"
kill "$APP_PID" 2>/dev/null || true
wait "$APP_PID" 2>/dev/null || true
APP_PIDS=""
APP_PID=""
# One real stock event: its columns, with the SKU as a pgbench variable.
SAMPLE=$(psql -h 127.0.0.1 -U postgres -At -c "SELECT data::text FROM platform.outbox WHERE type = 'inventory.stock_changed' ORDER BY seq DESC LIMIT 1" "$DB")
[ -n "$SAMPLE" ] || { echo "no stock event in the outbox" >&2; exit 1; }
echo "a stock event's data ($(printf '%s' "$SAMPLE" | wc -c) bytes): $SAMPLE"
ONE_SKU=$(psql -h 127.0.0.1 -U postgres -At -c "SELECT subject FROM platform.outbox WHERE type = 'inventory.stock_changed' ORDER BY seq DESC LIMIT 1" "$DB")
SAMPLE_SQL=${SAMPLE//\'/\'\'}
DIR=$(mktemp -d)
cat > "$DIR/per-sku.sql" <<SQL
\\set base random(0, 9979)
BEGIN;
INSERT INTO platform.outbox (id, source, type, subject, topic, schema_version, tenant_id, time, data, traceparent)
SELECT gen_random_uuid(), '/inventory', 'inventory.stock_changed', 'T-' || g, 'quartermaster.stock', 1, NULL, now(),
       replace('${SAMPLE_SQL}', '"${ONE_SKU}"', '"T-' || g || '"')::jsonb, NULL
  FROM generate_series(:base, :base + 19) g;
COMMIT;
SQL
cat > "$DIR/per-transaction.sql" <<SQL
\\set base random(0, 9979)
BEGIN;
INSERT INTO platform.outbox (id, source, type, subject, topic, schema_version, tenant_id, time, data, traceparent)
SELECT gen_random_uuid(), '/inventory', 'inventory.stock_changed', 'T-' || :base, 'quartermaster.stock', 1, NULL, now(),
       jsonb_build_object('levels', jsonb_agg(replace('${SAMPLE_SQL}', '"${ONE_SKU}"', '"T-' || g || '"')::jsonb)), NULL
  FROM generate_series(:base, :base + 19) g;
COMMIT;
SQL
# The feed read from a random committed position: the columns OutboxRepository reads, 21 rows or 2.
read_script() { # rows
  cat <<SQL
\\set at random(1, $(psql -h 127.0.0.1 -U postgres -At -c "SELECT max(seq) - 100 FROM platform.outbox" "$DB"))
SELECT txid::text AS tx FROM platform.outbox WHERE seq >= :at ORDER BY seq LIMIT 1 \\gset
SELECT seq, txid::text, id, source, type, subject, topic, schema_version, tenant_id, time, data::text, traceparent
  FROM platform.outbox
 WHERE (txid, seq) > (':tx'::xid8, :at)
   AND txid < pg_snapshot_xmin(pg_current_snapshot())
 ORDER BY outbox.txid, outbox.seq LIMIT $1;
SQL
}
vacuum_analyze
hz=$(getconf CLK_TCK)
run() { # label, script -> prints a line, sets PER_TX (PostgreSQL CPU ms per transaction)
  pgbench -n -h 127.0.0.1 -U postgres -c 16 -j 2 -T 5 -f "$2" "$DB" > /dev/null # warm-up
  local p0 out n tps
  p0=$(pg_ticks)
  out=$(pgbench -n -h 127.0.0.1 -U postgres -c 16 -j 2 -T "$SECONDS_MEASURED" -f "$2" "$DB" 2>&1)
  n=$(echo "$out" | sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p')
  tps=$(echo "$out" | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -n 1)
  [ -n "$n" ] || { echo "$out" >&2; exit 1; }
  PER_TX=$(awk -v p="$(($(pg_ticks) - p0))" -v n="$n" -v hz="$hz" 'BEGIN { printf "%.3f", 1000 * p / hz / n }')
  echo "$1: ${tps} transactions/s, PostgreSQL CPU ${PER_TX} ms per transaction"
}
run "write, 20 stock events as 20 rows" "$DIR/per-sku.sql"
W1=$PER_TX
vacuum_analyze
run "write, 20 stock events as 1 row" "$DIR/per-transaction.sql"
W2=$PER_TX
vacuum_analyze
read_script 21 > "$DIR/read-21.sql"
read_script 2 > "$DIR/read-2.sql"
run "read, the 21 rows of an order" "$DIR/read-21.sql"
R1=$PER_TX
run "read, the 2 rows of an order" "$DIR/read-2.sql"
R2=$PER_TX
rm -rf "$DIR"
awk -v w1="$W1" -v w2="$W2" -v r1="$R1" -v r2="$R2" 'BEGIN {
  printf "one row per transaction / one row per SKU: write %.2f, read %.2f of the CPU; saved per order: %.2f ms\n", w2 / w1, r2 / r1, (w1 - w2) + (r1 - r2) }'
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
