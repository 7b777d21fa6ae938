#!/usr/bin/env bash
# Benchmark (issue #16 item 7): allocation of ONE restock against 1,000 queued backorder lines, in one run
# on one database server:
#   1. the application: 100 backordered orders of 10 lines (5 units each, 10 clients, nothing in stock),
#      then one POST /v1/inventory/adjustments of 500 units for each of the 10 SKUs, which allocates all
#      1,000 lines first come first served in one transaction (stock events, 100 order.allocation_changed
#      events, audit, row-level security all on); its response time, median of the measured rounds
#   2. the ceiling: PostgreSQL alone (pgbench, one transaction per round) running the minimal SQL of the
#      same restock against the same 1,000 queued lines: lock the 10 stock rows in SKU order, add on-hand,
#      one statement that allocates in queue order, updates the lines and writes one outbox row per order
# Prints both times and the ratio ceiling / application.
#   bench/backorder-allocation.sh [rounds]
source "$(dirname "$0")/lib.sh"
ROUNDS="${1:-5}"
start_app
OUT=$(java "$ROOT/bench/BackorderBench.java" "$BASE_URL" "$OPERATOR_ID" "$OPERATOR_SECRET" "$ROUNDS")
echo "$OUT" | grep -v '^APP_MS='
APP_MS=$(echo "$OUT" | sed -n 's/^APP_MS=//p')

# The application stops (its database stays) so the ceiling has the machine to itself.
kill "$APP_PID" 2>/dev/null || true
wait "$APP_PID" 2>/dev/null || true
APP_PIDS=""

QUEUE=$(mktemp)
cat > "$QUEUE" <<'SQL'
-- 100 orders of 10 lines, every line fully backordered, queued order by order (as the application does)
WITH o AS (
    INSERT INTO orders.orders (id, client_id, status, priority, currency, line_count, total, version, created_at,
                               updated_at, backorder_policy)
    SELECT gen_random_uuid(), ('00000000-0000-0000-0000-0000000000' || (10 + g % 10))::uuid, 'pending', 'normal',
           'EUR', 10, 50.00, 0, clock_timestamp(), clock_timestamp(), 'backorder'
      FROM generate_series(1, 100) g
    RETURNING id, client_id, created_at
), l AS (
    INSERT INTO orders.order_lines (order_id, client_id, line_no, sku, quantity, unit_price, line_total, backordered)
    SELECT o.id, o.client_id, s + 1, 'BO-' || s, 5, 1.00, 5.00, 5 FROM o, generate_series(0, 9) s
)
INSERT INTO inventory.backorders (order_id, client_id, sku, quantity, created_at)
SELECT o.id, o.client_id, 'BO-' || s, 5, clock_timestamp() FROM o, generate_series(0, 9) s ORDER BY o.created_at, s;
SQL
RESTOCK=$(mktemp)
cat > "$RESTOCK" <<'SQL'
BEGIN;
SET LOCAL session_replication_role = replica;
SELECT 1 FROM inventory.stock_levels WHERE sku = ANY('{BO-0,BO-1,BO-2,BO-3,BO-4,BO-5,BO-6,BO-7,BO-8,BO-9}') ORDER BY sku FOR UPDATE;
UPDATE inventory.stock_levels SET on_hand = on_hand + 500, version = version + 1, updated_at = now() WHERE sku = ANY('{BO-0,BO-1,BO-2,BO-3,BO-4,BO-5,BO-6,BO-7,BO-8,BO-9}');
WITH stock AS (
    SELECT sku, on_hand - reserved - held AS available FROM inventory.stock_levels
     WHERE sku = ANY('{BO-0,BO-1,BO-2,BO-3,BO-4,BO-5,BO-6,BO-7,BO-8,BO-9}')
), waiting AS MATERIALIZED (
    SELECT seq, order_id, client_id, sku, quantity FROM inventory.backorders
     WHERE sku = ANY('{BO-0,BO-1,BO-2,BO-3,BO-4,BO-5,BO-6,BO-7,BO-8,BO-9}') ORDER BY sku, seq FOR UPDATE
), taken AS (
    SELECT w.seq, w.order_id, w.client_id, w.sku, w.quantity,
           least(w.quantity, s.available - ((sum(w.quantity) OVER (PARTITION BY w.sku ORDER BY w.seq))::bigint - w.quantity)) AS take
      FROM waiting w JOIN stock s ON s.sku = w.sku
), given AS (
    SELECT * FROM taken WHERE take > 0
), filled AS (
    DELETE FROM inventory.backorders b USING given g WHERE b.seq = g.seq AND g.take = g.quantity
), shrunk AS (
    UPDATE inventory.backorders b SET quantity = b.quantity - g.take FROM given g WHERE b.seq = g.seq AND g.take < g.quantity
), reserved AS (
    UPDATE inventory.stock_levels s SET reserved = s.reserved + p.take
      FROM (SELECT sku, sum(take)::bigint AS take FROM given GROUP BY sku) p WHERE s.sku = p.sku
), lines AS (
    UPDATE orders.order_lines l SET backordered = g.quantity - g.take FROM given g
     WHERE l.order_id = g.order_id AND l.sku = g.sku
)
INSERT INTO platform.outbox (id, source, type, subject, topic, time, data, tenant_id)
SELECT gen_random_uuid(), '/orders', 'order.allocation_changed', order_id::text, 'quartermaster.orders', now(),
       '{"fullyAllocated":true}'::jsonb, client_id
  FROM given GROUP BY order_id, client_id;
COMMIT;
SQL
CEILINGS=()
for r in $(seq 0 "$ROUNDS"); do
  psql -h 127.0.0.1 -U postgres -q -v ON_ERROR_STOP=1 -f "$QUEUE" "$DB" > /dev/null
  PGB=$(pgbench -n -h 127.0.0.1 -U postgres -c 1 -t 1 -f "$RESTOCK" "$DB" 2>&1)
  MS=$(echo "$PGB" | sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p')
  if [ -z "$MS" ]; then echo "$PGB" >&2; exit 1; fi
  LEFT=$(psql -h 127.0.0.1 -U postgres -At -c "SELECT count(*) FROM inventory.backorders" "$DB")
  if [ "$LEFT" != "0" ]; then echo "the ceiling's restock left $LEFT queued lines" >&2; exit 1; fi
  echo "ceiling round $r: ${MS} ms"
  if [ "$r" -gt 0 ]; then CEILINGS+=("$MS"); fi
done
rm -f "$QUEUE" "$RESTOCK"
CEILING=$(printf '%s\n' "${CEILINGS[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo "application, one restock allocating 1,000 queued lines of 100 orders: ${APP_MS} ms (median of ${ROUNDS})"
echo "ceiling, pgbench with the minimal SQL of that restock: ${CEILING} ms (median of ${ROUNDS})"
awk -v a="$APP_MS" -v c="$CEILING" 'BEGIN { printf "ratio, ceiling / application: %.1f %%\n", 100 * c / a }'
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
