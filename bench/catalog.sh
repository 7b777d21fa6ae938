#!/usr/bin/env bash
# Benchmark: upsert of 10,000 products and an adjustment batch of 10,000 lines, over HTTP against the
# fast-jar on a fresh database. Prints the median (and spread) of several warm runs.
#   bench/catalog.sh [runs]
source "$(dirname "$0")/lib.sh"
RUNS="${1:-7}"
start_app
java "$ROOT/bench/CatalogBench.java" "$BASE_URL" "$OPERATOR_ID" "$OPERATOR_SECRET" "$RUNS"
