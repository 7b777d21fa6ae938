#!/usr/bin/env bash
# Benchmark (issue #11): 20-line orders against 10,000 SKUs, in one run on one database server:
#   1. the application, 16 clients with one connection each (wrk, one access token per connection)
#   2. the application, one client on 16 connections (an ERP pushing its orders)
#   3. the ceiling: PostgreSQL alone running the minimal SQL of an order through pgbench, 16 connections
#      (lock the 20 stock rows in SKU order, reserve, insert the order, its 20 lines, one outbox row and
#      one idempotency row, commit) - no application, no row-level security, no triggers
# Each run has the same duration after its own warm-up (BENCH_WARMUP seconds, default 30: the JIT of a JVM
# that shares 2 cores with PostgreSQL is still busy after 5 s), and starts on vacuumed tables (VACUUM
# ANALYZE between warm-up and run: a server with autovacuum off, like the shared one here, would otherwise
# plan the first run's statements for the empty tables of a fresh database and give every later run more
# dead rows to step over than the one before). Every application request carries its
# own Idempotency-Key, and rate limits, audit, row-level security and stock events stay on.
# Prints each rate, the CPU time per order of the JVM, of PostgreSQL and of the rest of the machine
# (from /proc, during the measured seconds), and the two ratios to the ceiling.
#   bench/order-throughput.sh [seconds]
source "$(dirname "$0")/lib.sh"
SECONDS_MEASURED="${1:-20}"
WARMUP="${BENCH_WARMUP:-30}"
all_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
cpu_mark() { J0=$(jvm_ticks); P0=$(pg_ticks); A0=$(all_ticks); }
cpu_per_order() { # orders -> prints ms of CPU per order: JVM, PostgreSQL, rest of the machine; sets PG_MS
  local j p a hz
  j=$(($(jvm_ticks) - J0)); p=$(($(pg_ticks) - P0)); a=$(($(all_ticks) - A0)); hz=$(getconf CLK_TCK)
  PG_MS=$(awk -v p="$p" -v n="$1" -v hz="$hz" 'BEGIN { printf "%.2f", 1000 * p / hz / n }')
  awk -v j="$j" -v p="$p" -v a="$a" -v n="$1" -v hz="$hz" 'BEGIN {
    printf "  CPU per order: JVM %.1f ms, PostgreSQL %.1f ms, rest of the machine %.1f ms\n", 1000 * j / hz / n, 1000 * p / hz / n, 1000 * (a - j - p) / hz / n }'
}
command -v wrk > /dev/null || { apt-get update -qq > /dev/null && apt-get install -y -qq wrk > /dev/null; }
start_app
TOKENS=$(mktemp)
ONE_TOKEN=$(mktemp)
java "$ROOT/bench/OrderBench.java" "$BASE_URL" "$OPERATOR_ID" "$OPERATOR_SECRET" tokens "$TOKENS"
head -n 1 "$TOKENS" > "$ONE_TOKEN"

app_run() { # label, tokens file -> sets RATE; prints one line
  export QM_TOKENS="$2"
  wrk -t16 -c16 -d"${WARMUP}s" -s "$ROOT/bench/orders.lua" "$BASE_URL" > /dev/null
  vacuum_analyze # after the warm-up: statistics of filled tables, not of the empty ones of a fresh database
  local out
  cpu_mark
  out=$(wrk -t16 -c16 -d"${SECONDS_MEASURED}s" --latency -s "$ROOT/bench/orders.lua" "$BASE_URL")
  RATE=$(echo "$out" | sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p')
  local p50 p99 bad
  p50=$(echo "$out" | awk '$1 == "50%" { print $2 }')
  p99=$(echo "$out" | awk '$1 == "99%" { print $2 }')
  bad=$(echo "$out" | sed -n 's/.*Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p')
  echo "$1: ${RATE} orders/s, p50 ${p50}, p99 ${p99}, answers other than 201: ${bad:-0}"
  cpu_per_order "$(echo "$out" | sed -n 's/^ *\([0-9]*\) requests in.*/\1/p')" # not in a subshell: sets PG_MS
}

app_run "application, 16 clients x 1 connection" "$TOKENS"
APP_16=$RATE
PG_MS_16=$PG_MS
app_run "application, 1 client x 16 connections" "$ONE_TOKEN"
APP_1=$RATE
PG_MS_1=$PG_MS
rm -f "$TOKENS" "$ONE_TOKEN"

# The application stops (its database stays) so the ceiling has the machine to itself.
kill "$APP_PID" 2>/dev/null || true
wait "$APP_PID" 2>/dev/null || true
APP_PIDS=""
APP_PID=""
SCRIPT=$(mktemp)
cat > "$SCRIPT" <<'SQL'
\set base random(0, 9979)
\set client random(10, 25)
BEGIN;
SET LOCAL session_replication_role = replica;
SELECT 1 FROM inventory.stock_levels WHERE sku = ANY(ARRAY(SELECT 'T-' || g FROM generate_series(:base, :base + 19) g)) ORDER BY sku FOR UPDATE;
UPDATE inventory.stock_levels SET reserved = reserved + 1, version = version + 1, updated_at = now() WHERE sku = ANY(ARRAY(SELECT 'T-' || g FROM generate_series(:base, :base + 19) g));
WITH o AS (INSERT INTO orders.orders (id, client_id, status, priority, currency, line_count, total, version, created_at, updated_at) VALUES (gen_random_uuid(), ('00000000-0000-0000-0000-0000000000' || :client)::uuid, 'pending', 'normal', 'EUR', 20, 20.00, 0, now(), now()) RETURNING id, client_id), l AS (INSERT INTO orders.order_lines (order_id, client_id, line_no, sku, quantity, unit_price, line_total) SELECT o.id, o.client_id, g - :base + 1, 'T-' || g, 1, 1.00, 1.00 FROM o, generate_series(:base, :base + 19) g) INSERT INTO platform.outbox (id, source, type, subject, topic, time, data) SELECT gen_random_uuid(), '/orders', 'order.created', o.id::text, 'quartermaster.orders', now(), '{"status":"pending"}'::jsonb FROM o;
INSERT INTO orders.idempotency_keys (client_id, endpoint, key, request_hash, state, response_status, created_at, expires_at) VALUES (('00000000-0000-0000-0000-0000000000' || :client)::uuid, 'orders', gen_random_uuid()::text, '\x00', 'done', 201, now(), now() + interval '1 day');
COMMIT;
SQL
pgbench -n -h 127.0.0.1 -U postgres -c 16 -j 2 -T "$WARMUP" -f "$SCRIPT" "$DB" > /dev/null 2>&1
vacuum_analyze
cpu_mark
PGB=$(pgbench -n -h 127.0.0.1 -U postgres -c 16 -j 2 -T "$SECONDS_MEASURED" -r -f "$SCRIPT" "$DB" 2>&1)
rm -f "$SCRIPT"
CEILING=$(echo "$PGB" | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -n 1)
if [ -z "$CEILING" ]; then echo "$PGB" >&2; exit 1; fi
FAILED=$(echo "$PGB" | sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p')
echo "ceiling, pgbench with the minimal SQL of an order, 16 connections: ${CEILING} orders/s (failed transactions: ${FAILED:-0})"
awk -v a="$(($(all_ticks) - A0))" -v p="$(($(pg_ticks) - P0))" -v n="$(echo "$PGB" | sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p')" -v hz="$(getconf CLK_TCK)" \
  'BEGIN { printf "  CPU per order: PostgreSQL %.1f ms; the whole machine (PostgreSQL, pgbench and the rest) %.1f ms\n", 1000 * p / hz / n, 1000 * a / hz / n }'
awk -v a="$APP_16" -v b="$APP_1" -v c="$CEILING" 'BEGIN {
  printf "ratio, 16 clients / ceiling: %.1f %% (bar: 60 %%)\n", 100 * a / c
  printf "ratio, 1 client on 16 connections / ceiling: %.1f %% (bar: 50 %%)\n", 100 * b / c
}'
# What PostgreSQL's own CPU per order allows even if the JVM cost nothing: all cores for PostgreSQL.
awk -v c="$CEILING" -v m16="$PG_MS_16" -v m1="$PG_MS_1" -v cores="$(nproc)" 'BEGIN {
  printf "bound from PostgreSQL CPU alone (%d cores / its CPU per order): 16 clients %.0f orders/s = %.1f %%, 1 client %.0f orders/s = %.1f %% of the ceiling\n", cores, 1000 * cores / m16, 100000 * cores / m16 / c, 1000 * cores / m1, 100000 * cores / m1 / c
}'
# SPEC section 7 measures against "the pgbench ceiling for the same SQL work"; this estimates that ratio from
# the bound above (no pgbench client, so the true ratio is a little higher): the application's rate over it.
awk -v a="$APP_16" -v b="$APP_1" -v m16="$PG_MS_16" -v m1="$PG_MS_1" -v cores="$(nproc)" 'BEGIN {
  printf "estimate, application / what its own SQL allows (SPEC section 7, target 60 %%): 16 clients %.1f %%, 1 client %.1f %%\n", a * m16 / 10 / cores, b * m1 / 10 / cores
}'
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
