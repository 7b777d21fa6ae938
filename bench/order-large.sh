#!/usr/bin/env bash
# Benchmark (issue #11 item 6), in one run on one database server:
#   1. the application: one 1,000-order batch of 20-line orders, from submission to its last result
#   2. the application: one 10,000-line order (1 unit of every product), p50 and p99 of several runs
#   3. the ceiling of 2: pgbench, one connection, the minimal SQL of a 10,000-line order (lock the 10,000
#      stock rows in SKU order, reserve, insert the order, its lines and one outbox row, one idempotency
#      row, commit; no row-level security, no triggers), p50 and p99 from its per-transaction log
# Prints the ratios of the application's p50 and p99 to the ceiling's.
#   bench/order-large.sh [runs]
source "$(dirname "$0")/lib.sh"
RUNS="${1:-9}"
start_app
java "$ROOT/bench/OrderBench.java" "$BASE_URL" "$OPERATOR_ID" "$OPERATOR_SECRET" tokens /dev/null # seed
vacuum_analyze # what autovacuum does on a normal server (lib.sh); the shared server here has it off
java "$ROOT/bench/OrderBench.java" "$BASE_URL" "$OPERATOR_ID" "$OPERATOR_SECRET" batch 1
vacuum_analyze # the batch filled the tables; give the planner their statistics (lib.sh)
APP=$(java "$ROOT/bench/OrderBench.java" "$BASE_URL" "$OPERATOR_ID" "$OPERATOR_SECRET" large "$RUNS" | tail -n 1)
echo "application: $APP"
kill "$APP_PID" 2>/dev/null || true
wait "$APP_PID" 2>/dev/null || true
APP_PIDS=""
SCRIPT=$(mktemp)
cat > "$SCRIPT" <<'SQL'
BEGIN;
SET LOCAL session_replication_role = replica;
SELECT count(*) FROM (SELECT 1 FROM inventory.stock_levels WHERE sku = ANY(ARRAY(SELECT 'T-' || g FROM generate_series(0, 9999) g)) ORDER BY sku FOR UPDATE) locked;
UPDATE inventory.stock_levels SET reserved = reserved + 1, version = version + 1, updated_at = now() WHERE sku = ANY(ARRAY(SELECT 'T-' || g FROM generate_series(0, 9999) g));
WITH o AS (INSERT INTO orders.orders (id, client_id, status, priority, currency, line_count, total, version, created_at, updated_at) VALUES (gen_random_uuid(), '00000000-0000-0000-0000-000000000010', 'pending', 'normal', 'EUR', 10000, 10000.00, 0, now(), now()) RETURNING id, client_id), l AS (INSERT INTO orders.order_lines (order_id, client_id, line_no, sku, quantity, unit_price, line_total) SELECT o.id, o.client_id, g + 1, 'T-' || g, 1, 1.00, 1.00 FROM o, generate_series(0, 9999) g) INSERT INTO platform.outbox (id, source, type, subject, topic, time, data) SELECT gen_random_uuid(), '/orders', 'order.created', o.id::text, 'quartermaster.orders', now(), '{"status":"pending"}'::jsonb FROM o;
INSERT INTO orders.idempotency_keys (client_id, endpoint, key, request_hash, state, response_status, created_at, expires_at) VALUES ('00000000-0000-0000-0000-000000000010', 'orders', gen_random_uuid()::text, '\x00', 'done', 201, now(), now() + interval '1 day');
COMMIT;
SQL
vacuum_analyze
LOGDIR=$(mktemp -d)
pgbench -n -h 127.0.0.1 -U postgres -c 1 -t 3 -f "$SCRIPT" "$DB" > /dev/null 2>&1 # warm-up
(cd "$LOGDIR" && pgbench -n -h 127.0.0.1 -U postgres -c 1 -t "$RUNS" -l -f "$SCRIPT" "$DB" > /dev/null 2>&1)
rm -f "$SCRIPT"
# per-transaction log: client, transaction, latency in microseconds, …
CEIL=$(cat "$LOGDIR"/pgbench_log.* | awk '{ print $3 / 1000 }' | sort -n | awk '{ v[NR] = $1 } END {
  p99 = int(NR * 0.99 + 0.999); if (p99 > NR) p99 = NR; printf "%d %d", v[int((NR + 1) / 2)], v[p99] }')
rm -rf "$LOGDIR"
echo "ceiling, pgbench with the minimal SQL of a 10,000-line order, one connection, $RUNS runs: p50 ${CEIL% *} ms, p99 ${CEIL#* } ms"
APP_P50=$(echo "$APP" | sed -n 's/.*median \([0-9]*\) ms.*/\1/p')
APP_P99=$(echo "$APP" | sed -n 's/.*p99 \([0-9]*\) ms.*/\1/p')
awk -v a="$APP_P50" -v b="$APP_P99" -v c="${CEIL% *}" -v d="${CEIL#* }" 'BEGIN {
  printf "application / ceiling: p50 %.1f x, p99 %.1f x\n", a / c, b / d }'
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
