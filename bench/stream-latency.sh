#!/usr/bin/env bash
# Benchmark: stock change committed -> WebSocket subscriber, on the same instance and on a second
# instance sharing the database, p50/p99 over 1,000 changes.   bench/stream-latency.sh [changes]
source "$(dirname "$0")/lib.sh"
CHANGES="${1:-1000}"
start_app "$PORT"
start_app "$((PORT + 1))"
java "$ROOT/bench/StreamBench.java" "$BASE_URL" "http://localhost:$((PORT + 1))" "$OPERATOR_ID" "$OPERATOR_SECRET" "$CHANGES"
