# Sourced by benchmarks that need Kafka: a real broker (KRaft) from the Maven artifacts, in its own JVM.
# Defines start_kafka (sets KAFKA_BOOTSTRAP) and stops it on exit.
KAFKA_DIR=""
KAFKA_PID=""
start_kafka() {
  local cp_file="$ROOT/target/kafka-broker.classpath"
  if [ ! -s "$cp_file" ]; then
    (cd "$ROOT" && ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file")
  fi
  local cp
  cp="$(cat "$cp_file")"
  KAFKA_DIR="$(mktemp -d)"
  local port=19092 controller=19093
  cat > "$KAFKA_DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@localhost:$controller
listeners=PLAINTEXT://localhost:$port,CONTROLLER://localhost:$controller
advertised.listeners=PLAINTEXT://localhost:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DIR/data
num.partitions=3
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  java -cp "$cp" kafka.tools.StorageTool format -t "$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)" \
    -c "$KAFKA_DIR/server.properties" > "$KAFKA_DIR/format.log" 2>&1
  java -Xmx512m -cp "$cp" kafka.Kafka "$KAFKA_DIR/server.properties" > "$KAFKA_DIR/broker.log" 2>&1 &
  KAFKA_PID=$!
  for _ in $(seq 1 60); do
    if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
      sleep 1
      KAFKA_BOOTSTRAP="localhost:$port"
      return 0
    fi
    sleep 1
  done
  echo "Kafka did not start; see $KAFKA_DIR/broker.log" >&2
  exit 1
}
stop_kafka() {
  if [ -n "$KAFKA_PID" ]; then
    kill "$KAFKA_PID" 2>/dev/null || true
    wait "$KAFKA_PID" 2>/dev/null || true
    KAFKA_PID=""
  fi
  [ -n "$KAFKA_DIR" ] && rm -rf "$KAFKA_DIR"
}
