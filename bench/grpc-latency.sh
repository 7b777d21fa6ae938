#!/usr/bin/env bash
# Benchmark: stock change committed through instance A -> gRPC Watch on A and on B (two packaged
# instances, one database), p50/p99. It runs inventory.it.GrpcFanOutIT, which uses the stubs generated
# from src/main/proto, with more changes; the figures are the "commit -> gRPC watcher" lines it prints.
#   bench/grpc-latency.sh [changes] [test-port]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CHANGES="${1:-1000}"
cd "$ROOT"
./mvnw -B verify -Dqm.test.port="${2:-18699}" -Dtest=None -Dit.test=GrpcFanOutIT -Dqm.bench.changes="$CHANGES" \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false -Dqm.k8s.validate.skip=true \
  | grep -E "commit -> gRPC watcher|Tests run|BUILD"
