#!/usr/bin/env bash
# Benchmark: the latency the rate-limit check adds. The same read (GET /v1/inventory/{sku} with a client
# token) is driven by wrk against the application with rate limiting on, then off; p50/p99 of both and
# their difference are printed.   bench/rate-limit.sh [seconds]
source "$(dirname "$0")/lib.sh"
SECONDS_MEASURED="${1:-15}"
command -v wrk > /dev/null || { apt-get update -qq > /dev/null && apt-get install -y -qq wrk > /dev/null; }

measure() { # label
  start_app
  TOKENS=$(mktemp)
  java "$ROOT/bench/OrderBench.java" "$BASE_URL" "$OPERATOR_ID" "$OPERATOR_SECRET" tokens "$TOKENS"
  TOKEN=$(head -n 1 "$TOKENS")
  rm -f "$TOKENS"
  wrk -t2 -c8 -d5s -H "Authorization: Bearer $TOKEN" "$BASE_URL/v1/inventory/T-42" > /dev/null
  OUT=$(wrk -t2 -c8 -d"${SECONDS_MEASURED}s" --latency -H "Authorization: Bearer $TOKEN" "$BASE_URL/v1/inventory/T-42")
  P50=$(echo "$OUT" | awk '$1 == "50%" { print $2 }')
  P99=$(echo "$OUT" | awk '$1 == "99%" { print $2 }')
  RPS=$(echo "$OUT" | sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p')
  echo "$1: ${RPS} requests/s, p50 ${P50}, p99 ${P99}"
  stop_app
}

to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us/, "", v); print v / 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v); print v } else { sub(/s/, "", v); print v * 1000 } }'; }

ON=$(QUARTERMASTER_RATE_LIMIT_ENABLED=true measure "rate limiting on ")
echo "$ON"
DB="qm_bench_$(date +%Y%m%d_%H%M%S)_off"
OFF=$(QUARTERMASTER_RATE_LIMIT_ENABLED=false measure "rate limiting off")
echo "$OFF"
P99_ON=$(to_ms "$(echo "$ON" | sed -n 's/.*p99 \(.*\)$/\1/p')")
P99_OFF=$(to_ms "$(echo "$OFF" | sed -n 's/.*p99 \(.*\)$/\1/p')")
P50_ON=$(to_ms "$(echo "$ON" | sed -n 's/.*p50 \([^,]*\),.*/\1/p')")
P50_OFF=$(to_ms "$(echo "$OFF" | sed -n 's/.*p50 \([^,]*\),.*/\1/p')")
awk -v a="$P50_ON" -v b="$P50_OFF" -v c="$P99_ON" -v d="$P99_OFF" \
  'BEGIN { printf "added by the rate-limit check: p50 %+.2f ms, p99 %+.2f ms\n", a - b, c - d }'
