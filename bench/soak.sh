#!/usr/bin/env bash
# One command: three packaged instances behind HAProxy on one database, 20-line orders from several
# clients, one instance SIGKILLed and restarted mid-way; checks in SQL and prints the figures.
#   bench/soak.sh [SECONDS=180] [CLIENTS=8]
# Needs PostgreSQL and Redis on 127.0.0.1, python3, psql and haproxy (installed here when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v haproxy >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null
fi
if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "$(find src/main -newer target/quarkus-app/quarkus-run.jar -type f | head -n 1)" ]; then
  ./mvnw -q -B package -DskipTests -Dqm.k8s.validate.skip=true
fi
exec python3 bench/soak.py "$@"
