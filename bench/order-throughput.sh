#!/usr/bin/env bash
# Benchmark: 20-line orders from 16 concurrent clients over HTTP (wrk, one connection and one client
# token per thread), then pgbench running the same SQL statements directly on the same database with 16
# clients; prints both rates and their ratio.
#   bench/order-throughput.sh [seconds]
source "$(dirname "$0")/lib.sh"
SECONDS_MEASURED="${1:-20}"
command -v wrk > /dev/null || { apt-get update -qq > /dev/null && apt-get install -y -qq wrk > /dev/null; }
start_app
TOKENS=$(mktemp)
java "$ROOT/bench/OrderBench.java" "$BASE_URL" "$OPERATOR_ID" "$OPERATOR_SECRET" tokens "$TOKENS"
export QM_TOKENS="$TOKENS"
wrk -t16 -c16 -d5s -s "$ROOT/bench/orders.lua" "$BASE_URL" > /dev/null   # warm-up
WRK=$(wrk -t16 -c16 -d"${SECONDS_MEASURED}s" --latency -s "$ROOT/bench/orders.lua" "$BASE_URL")
rm -f "$TOKENS"
APP_OPS=$(echo "$WRK" | sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p')
P50=$(echo "$WRK" | awk '$1 == "50%" { print $2 }')
P99=$(echo "$WRK" | awk '$1 == "99%" { print $2 }')
NON_2XX=$(echo "$WRK" | sed -n 's/.*Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p')
echo "app: ${APP_OPS} orders/s (20 lines each, 16 clients, ${SECONDS_MEASURED} s), p50 ${P50}, p99 ${P99}, non-201 answers: ${NON_2XX:-0}"

# The same SQL work per order, statement for statement, as the application does it (role and tenant
# scope for row-level security, client terms,
# pricing, order head, credit exposure, ordered stock locks, stock update, movements,
# stock events, lines, history, order event, audit entry), with the application stopped.
stop_app_keep_db() { kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; }
stop_app_keep_db
SCRIPT=$(mktemp)
cat > "$SCRIPT" <<'SQL'
\set base random(0, 9979)
\set client random(10, 25)
BEGIN;
SET LOCAL ROLE quartermaster_app;
SELECT set_config('quartermaster.tenant', '00000000-0000-0000-0000-0000000000:client', true);
SELECT id, currency, credit_limit, discount_percent, status FROM tenancy.clients LIMIT 1;
SELECT l.sku, l.qty, p.active, p.unit_price, (SELECT t.unit_price FROM inventory.contract_price_tiers t WHERE t.client_id = '00000000-0000-0000-0000-0000000000:client'::uuid AND t.sku = l.sku AND t.min_quantity <= l.qty ORDER BY t.min_quantity DESC LIMIT 1) FROM unnest(ARRAY(SELECT 'T-' || g FROM generate_series(:base, :base + 19) g), array_fill(1::bigint, ARRAY[20])) WITH ORDINALITY AS l(sku, qty, ord) LEFT JOIN inventory.products p ON p.sku = l.sku ORDER BY l.ord;
SELECT gen_random_uuid() AS oid \gset
INSERT INTO orders.orders (id, client_id, external_ref, status, priority, currency, line_count, total, ship_to, notes, version, created_at, updated_at) VALUES (':oid', '00000000-0000-0000-0000-0000000000:client', NULL, 'pending', 'normal', 'EUR', 20, 20.00, NULL, NULL, 0, now(), now()) ON CONFLICT ON CONSTRAINT orders_external_ref_per_client DO NOTHING;
INSERT INTO orders.client_exposure AS e (client_id, exposure) SELECT '00000000-0000-0000-0000-0000000000:client', 20.00 WHERE 20.00 <= 100000000000000 ON CONFLICT (client_id) DO UPDATE SET exposure = e.exposure + EXCLUDED.exposure WHERE e.exposure + EXCLUDED.exposure <= 100000000000000 RETURNING exposure;
SELECT sku, on_hand, reserved, version FROM inventory.stock_levels WHERE sku = ANY(ARRAY(SELECT 'T-' || g FROM generate_series(:base, :base + 19) g)) ORDER BY sku FOR UPDATE;
WITH d AS (SELECT * FROM unnest(ARRAY(SELECT 'T-' || g FROM generate_series(:base, :base + 19) g), array_fill(0::bigint, ARRAY[20]), array_fill(1::bigint, ARRAY[20]), array_fill(NULL::text, ARRAY[20])) AS d(sku, oh, rs, reason)), changed AS (UPDATE inventory.stock_levels s SET on_hand = s.on_hand + d.oh, reserved = s.reserved + d.rs, version = s.version + 1, updated_at = clock_timestamp() FROM d WHERE s.sku = d.sku RETURNING s.sku, s.on_hand, s.reserved, s.version, s.updated_at, d.oh, d.rs, d.reason), logged AS (INSERT INTO inventory.stock_movements (sku, kind, reason, on_hand_delta, reserved_delta, version, actor, created_at) SELECT sku, 'reserve', reason, oh, rs, version, 'bench', updated_at FROM changed) SELECT sku, on_hand, reserved, version, updated_at FROM changed;
INSERT INTO platform.outbox (id, source, type, subject, topic, tenant_id, time, data) SELECT gen_random_uuid(), '/inventory', 'inventory.stock_changed', s.sku, 'quartermaster.stock', NULL, now(), jsonb_build_object('sku', s.sku, 'onHand', s.on_hand, 'reserved', s.reserved, 'available', s.on_hand - s.reserved, 'version', s.version, 'updatedAt', s.updated_at) FROM inventory.stock_levels s WHERE s.sku = ANY(ARRAY(SELECT 'T-' || g FROM generate_series(:base, :base + 19) g));
INSERT INTO orders.order_lines (order_id, client_id, line_no, sku, quantity, unit_price, line_total) SELECT ':oid', '00000000-0000-0000-0000-0000000000:client', l.ord, l.sku, 1, 1.00, 1.00 FROM unnest(ARRAY(SELECT 'T-' || g FROM generate_series(:base, :base + 19) g)) WITH ORDINALITY AS l(sku, ord);
INSERT INTO orders.status_history (order_id, client_id, seq, status, at, by) SELECT ':oid', '00000000-0000-0000-0000-0000000000:client', coalesce(max(seq), 0) + 1, 'pending', now(), 'bench' FROM orders.status_history WHERE order_id = ':oid';
INSERT INTO platform.outbox (id, source, type, subject, topic, tenant_id, time, data) VALUES (gen_random_uuid(), '/orders', 'order.created', ':oid', 'quartermaster.orders', NULL, now(), '{"status":"pending"}'::jsonb);
INSERT INTO platform.audit_pending (id, at, actor, tenant_id, trace_id, action, subject, details) VALUES (gen_random_uuid(), now(), 'bench', NULL, NULL, 'order.created', ':oid', '{"lineCount":20}'::jsonb);
END;
SQL
PGB=$(pgbench -n -h 127.0.0.1 -U postgres -c 16 -j 2 -T "$SECONDS_MEASURED" -f "$SCRIPT" "$DB" 2>&1)
rm -f "$SCRIPT"
PG_TPS=$(echo "$PGB" | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -n 1)
if [ -z "$PG_TPS" ]; then echo "$PGB" >&2; exit 1; fi
echo "pgbench, same SQL per order, 16 clients, ${SECONDS_MEASURED} s: ${PG_TPS} orders/s"
awk -v a="$APP_OPS" -v p="$PG_TPS" 'BEGIN { printf "app / pgbench ceiling: %.0f %%\n", 100 * a / p }'
