#!/usr/bin/env bash
# Benchmark: stock change committed -> record read by a Kafka consumer, p50/p99 over 1,000 changes,
# with a real broker started from the Maven artifacts.   bench/kafka-latency.sh [changes]
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/kafka.sh"
CHANGES="${1:-1000}"
build_app
start_kafka
trap 'stop_app; stop_kafka' EXIT
export KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP"
start_app
trap 'stop_app; stop_kafka' EXIT
java -cp "$(cat "$ROOT/target/kafka-broker.classpath")" "$ROOT/bench/KafkaBench.java" "$BASE_URL" "$OPERATOR_ID" "$OPERATOR_SECRET" \
  "$KAFKA_BOOTSTRAP" "$CHANGES"
