#!/usr/bin/env bash
# Benchmark: one 10,000-line order (validate, price, reserve, commit) over HTTP against the fast-jar,
# warm, on a fresh database. Prints the median of several runs.   bench/order-10k.sh [runs]
source "$(dirname "$0")/lib.sh"
RUNS="${1:-15}"
start_app
java "$ROOT/bench/OrderBench.java" "$BASE_URL" "$OPERATOR_ID" "$OPERATOR_SECRET" large "$RUNS"
