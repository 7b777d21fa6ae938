#!/usr/bin/env bash
# Benchmark (issue #16 item 7): accept of a 1,000-line quote, in one run on one database server:
#   1. the application: per run a 1,000-line quote is created (not timed) and accepted over HTTP (timed):
#      quote row locked, 1,000 stock rows locked in SKU order and held -> reserved, the order and its
#      1,000 lines at the quoted prices, credit, 1,000 stock events + order.created + quote.accepted, the
#      Idempotency-Key - with row-level security, audit and rate limits on
#   2. the ceiling: PostgreSQL alone running the minimal SQL of the same accept through pgbench on one
#      connection (the same rows written, set-based), against quotes prepared by SQL - no application,
#      no row-level security, no triggers
# Prints p50/p99 of both and the ratios application / ceiling (lower is better; 1.0 = no overhead).
#   bench/quote-accept.sh [runs]
source "$(dirname "$0")/lib.sh"
RUNS="${1:-30}"
WARMUP=5
start_app
OUT=$(java "$ROOT/bench/QuoteBench.java" "$BASE_URL" "$OPERATOR_ID" "$OPERATOR_SECRET" "$RUNS")
echo "$OUT" | grep -v '^[A-Z_]*='
APP_P50=$(echo "$OUT" | sed -n 's/^APP_P50=//p')
APP_P99=$(echo "$OUT" | sed -n 's/^APP_P99=//p')
CLIENT_ID=$(echo "$OUT" | sed -n 's/^CLIENT_ID=//p')

# The application stops (its database stays) so the ceiling has the machine to itself.
kill "$APP_PID" 2>/dev/null || true
wait "$APP_PID" 2>/dev/null || true
APP_PIDS=""
QUOTES=$((RUNS + WARMUP))
psql -h 127.0.0.1 -U postgres -q -v ON_ERROR_STOP=1 "$DB" > /dev/null <<SQL
SET session_replication_role = replica;
INSERT INTO orders.quotes (id, client_id, status, currency, line_count, total, expires_at, version, created_at, updated_at)
SELECT gen_random_uuid(), '${CLIENT_ID}', 'open', 'EUR', 1000, 1000.00, now() + interval '1 day', 0,
       clock_timestamp(), clock_timestamp()
  FROM generate_series(1, ${QUOTES});
INSERT INTO orders.quote_lines (quote_id, client_id, line_no, sku, quantity, unit_price, line_total)
SELECT q.id, q.client_id, g + 1, 'Q-' || g, 1, 1.00, 1.00
  FROM orders.quotes q, generate_series(0, 999) g WHERE q.status = 'open';
UPDATE inventory.stock_levels SET held = held + ${QUOTES} WHERE sku LIKE 'Q-%';
VACUUM ANALYZE;
SQL
SCRIPT=$(mktemp)
cat > "$SCRIPT" <<'SQL'
BEGIN;
SET LOCAL session_replication_role = replica;
SELECT id AS qid, client_id AS cid FROM orders.quotes WHERE status = 'open' ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED \gset
SELECT 1 FROM inventory.stock_levels WHERE sku IN (SELECT sku FROM orders.quote_lines WHERE quote_id = :qid) ORDER BY sku FOR UPDATE;
UPDATE inventory.stock_levels s SET held = s.held - l.quantity, reserved = s.reserved + l.quantity, version = s.version + 1, updated_at = now() FROM orders.quote_lines l WHERE l.quote_id = :qid AND s.sku = l.sku;
WITH o AS (INSERT INTO orders.orders (id, client_id, status, priority, currency, line_count, total, version, created_at, updated_at) VALUES (gen_random_uuid(), :cid, 'pending', 'normal', 'EUR', 1000, 1000.00, 0, now(), now()) RETURNING id, client_id), l AS (INSERT INTO orders.order_lines (order_id, client_id, line_no, sku, quantity, unit_price, line_total) SELECT o.id, o.client_id, ql.line_no, ql.sku, ql.quantity, ql.unit_price, ql.line_total FROM o, orders.quote_lines ql WHERE ql.quote_id = :qid), h AS (INSERT INTO orders.status_history (order_id, client_id, seq, status, at, by) SELECT o.id, o.client_id, 1, 'pending', now(), 'bench' FROM o), q AS (UPDATE orders.quotes SET status = 'accepted', order_id = (SELECT id FROM o), version = version + 1, updated_at = now() WHERE id = :qid) INSERT INTO platform.outbox (id, source, type, subject, topic, time, data) SELECT gen_random_uuid(), '/orders', t, CASE WHEN t = 'order.created' THEN o.id::text ELSE :qid END, 'quartermaster.orders', now(), '{"status":"pending"}'::jsonb FROM o, unnest(ARRAY['order.created', 'quote.accepted']) t;
INSERT INTO platform.outbox (id, source, type, subject, topic, time, data) SELECT gen_random_uuid(), '/inventory', 'inventory.stock_changed', s.sku, 'quartermaster.stock', now(), jsonb_build_object('sku', s.sku, 'onHand', s.on_hand, 'reserved', s.reserved, 'held', s.held, 'available', s.on_hand - s.reserved - s.held, 'version', s.version) FROM inventory.stock_levels s WHERE s.sku IN (SELECT sku FROM orders.quote_lines WHERE quote_id = :qid);
INSERT INTO orders.client_exposure (client_id, exposure) VALUES (:cid, 1000.00) ON CONFLICT (client_id) DO UPDATE SET exposure = orders.client_exposure.exposure + excluded.exposure;
INSERT INTO orders.idempotency_keys (client_id, endpoint, key, request_hash, state, response_status, created_at, expires_at) VALUES (:cid, 'accept', gen_random_uuid()::text, '\x00', 'done', 201, now(), now() + interval '1 day');
COMMIT;
SQL
LOGDIR=$(mktemp -d)
(cd "$LOGDIR" && pgbench -n -M extended -h 127.0.0.1 -U postgres -c 1 -t "$WARMUP" -f "$SCRIPT" "$DB" > /dev/null 2>&1)
PGB=$(cd "$LOGDIR" && pgbench -n -M extended -h 127.0.0.1 -U postgres -c 1 -t "$RUNS" -l -f "$SCRIPT" "$DB" 2>&1)
FAILED=$(echo "$PGB" | sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p')
PROCESSED=$(echo "$PGB" | sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p')
if [ "${PROCESSED:-0}" -eq 0 ] || [ "${FAILED:-0}" -ne 0 ]; then echo "$PGB" >&2; exit 1; fi
# per-transaction log: the third column is the latency in microseconds
read -r CEIL_P50 CEIL_P99 < <(cat "$LOGDIR"/pgbench_log.* | awk '{ print $3 / 1000 }' | sort -n | awk '
  { v[NR] = $1 } END { i99 = int(NR * 0.99 + 0.999); if (i99 < 1) i99 = 1; printf "%.3f %.3f\n", v[int(NR / 2) + 1], v[i99] }')
rm -rf "$SCRIPT" "$LOGDIR"
ACCEPTED=$(psql -h 127.0.0.1 -U postgres -tA -c "SELECT count(*) FROM orders.quotes WHERE status = 'accepted'" "$DB")
echo "ceiling, pgbench with the minimal SQL of an accept, 1 connection, ${RUNS} runs after ${WARMUP} warm-up: p50 ${CEIL_P50} ms, p99 ${CEIL_P99} ms (accepted quotes in the database: ${ACCEPTED})"
awk -v a="$APP_P50" -v b="$APP_P99" -v c="$CEIL_P50" -v d="$CEIL_P99" 'BEGIN {
  printf "ratio, application / ceiling: p50 %.2f x, p99 %.2f x\n", a / c, b / d
}'
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
