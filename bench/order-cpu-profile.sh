#!/usr/bin/env bash
# Where the JVM's CPU goes while 16 clients place 20-line orders (issue #11 item 7), with async-profiler
# (tools.profiler:async-profiler from Maven Central, loaded as an agent: no install). The profiler samples
# every thread on CPU (event=cpu, 1 ms) and writes a collapsed-stack file every PROFILE_SECONDS; after
# BENCH_WARMUP seconds of load (default 120: on 2 cores the JIT needs minutes) the script keeps the last
# whole file written during the measured run, prints its summary (bench/collapsed-summary.py: threads,
# libraries, the order's own steps) and leaves it as /tmp/<db>.collapsed for a flame graph.
# Also prints the CPU time per order of the JVM and of PostgreSQL over the measured run.
#   bench/order-cpu-profile.sh [seconds]
source "$(dirname "$0")/lib.sh"
PROFILE_SECONDS="${1:-20}"
WARMUP="${BENCH_WARMUP:-120}"
AP_VERSION=4.2
AP_JAR="$HOME/.m2/repository/tools/profiler/async-profiler/$AP_VERSION/async-profiler-$AP_VERSION-linux-x64.jar"
command -v wrk > /dev/null || { apt-get update -qq > /dev/null && apt-get install -y -qq wrk > /dev/null; }
if [ ! -f "$AP_JAR" ]; then
  (cd "$ROOT" && ./mvnw -q -B dependency:get -Dartifact="tools.profiler:async-profiler:$AP_VERSION:jar:linux-x64" -Dtransitive=false)
fi
AP_DIR=$(mktemp -d)
unzip -q -o "$AP_JAR" 'linux-x64/*' -d "$AP_DIR"
CHUNKS=$(mktemp -d)
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx512m} -agentpath:$AP_DIR/linux-x64/libasyncProfiler.so=start,event=cpu,interval=1000000,threads,collapsed,loop=${PROFILE_SECONDS}s,file=$CHUNKS/%t.collapsed"
start_app
TOKENS=$(mktemp)
java "$ROOT/bench/OrderBench.java" "$BASE_URL" "$OPERATOR_ID" "$OPERATOR_SECRET" tokens "$TOKENS"
export QM_TOKENS="$TOKENS"
wrk -t16 -c16 -d"${WARMUP}s" -s "$ROOT/bench/orders.lua" "$BASE_URL" > /dev/null
vacuum_analyze # after the warm-up, as order-throughput.sh (ADR 0059)
J0=$(jvm_ticks); P0=$(pg_ticks)
touch "$CHUNKS/.measured"
OUT=$(wrk -t16 -c16 -d"$((2 * PROFILE_SECONDS + 2))s" --latency -s "$ROOT/bench/orders.lua" "$BASE_URL")
J1=$(jvm_ticks); P1=$(pg_ticks)
N=$(echo "$OUT" | sed -n 's/^ *\([0-9]*\) requests in.*/\1/p')
echo "measured: $(echo "$OUT" | sed -n 's/^Requests\/sec: *//p') orders/s, p50 $(echo "$OUT" | awk '$1 == "50%" { print $2 }'), $N orders"
awk -v j="$((J1 - J0))" -v p="$((P1 - P0))" -v n="$N" -v hz="$(getconf CLK_TCK)" \
  'BEGIN { printf "CPU per order: JVM %.1f ms, PostgreSQL %.1f ms\n", 1000 * j / hz / n, 1000 * p / hz / n }'
# the last whole file written during the measured run (files are written every PROFILE_SECONDS; the run lasts 2 × that + 2 s)
CHUNK=$(find "$CHUNKS" -name '*.collapsed' -newer "$CHUNKS/.measured" -printf '%T@ %p\n' | sort -n | tail -n 1 | cut -d' ' -f2)
cp "$CHUNK" "/tmp/${DB}.collapsed"
python3 "$ROOT/bench/collapsed-summary.py" "/tmp/${DB}.collapsed"
rm -rf "$AP_DIR" "$CHUNKS" "$TOKENS"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
