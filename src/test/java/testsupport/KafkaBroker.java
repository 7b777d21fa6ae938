package testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.awaitility.Awaitility;

/**
 * A real Apache Kafka broker (KRaft, broker and controller in one) for the test run, from the
 * kafka_2.13 artifact on the test classpath, in a JVM of its own. It can be stopped and started again
 * on the same port and data to test what happens while Kafka is away.
 */
public class KafkaBroker implements QuarkusTestResourceLifecycleManager {

    private static Path dir;
    private static int port;
    private static Process process;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory(Path.of("target"), "kafka-");
            port = freePort();
            int controller = freePort();
            Path properties = dir.resolve("server.properties");
            Files.writeString(
                    properties,
                    String.join(
                            "\n",
                            "process.roles=broker,controller",
                            "node.id=1",
                            "controller.quorum.voters=1@localhost:" + controller,
                            "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controller,
                            "advertised.listeners=PLAINTEXT://localhost:" + port,
                            "controller.listener.names=CONTROLLER",
                            "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                            "log.dirs=" + dir.resolve("data").toAbsolutePath(),
                            "num.partitions=3",
                            "offsets.topic.replication.factor=1",
                            "offsets.topic.num.partitions=1",
                            "transaction.state.log.replication.factor=1",
                            "transaction.state.log.min.isr=1",
                            "group.initial.rebalance.delay.ms=0",
                            "auto.create.topics.enable=true",
                            ""));
            run("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", properties.toString());
            startBroker();
            return Map.of("kafka.bootstrap.servers", "localhost:" + port);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot start the Kafka broker", e);
        }
    }

    @Override
    public void stop() {
        stopBroker();
    }

    public static String bootstrap() {
        return "localhost:" + port;
    }

    /** Stops the broker (as if Kafka went down). */
    public static void stopBroker() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Starts the broker again on its port and data. */
    public static void startBroker() throws IOException {
        process = java("kafka.Kafka", dir.resolve("server.properties").toString())
                .redirectOutput(dir.resolve("broker.log").toFile())
                .redirectErrorStream(true)
                .start();
        Awaitility.await("Kafka on port " + port)
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(200))
                .failFast("Kafka exited; see " + dir.resolve("broker.log"), () -> !process.isAlive())
                .ignoreExceptions()
                .until(KafkaBroker::answers);
    }

    /** The listener opens just before the broker is ready: ready means it names itself in the cluster. */
    private static boolean answers() throws Exception {
        try (Socket ignored = new Socket("localhost", port)) {
            // listening; now ask it
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        }
    }

    private static void run(String main, String... args) throws IOException, InterruptedException {
        Process p = java(main, args)
                .redirectOutput(dir.resolve(main + ".log").toFile())
                .redirectErrorStream(true)
                .start();
        // a deadline, not a wait: on a loaded machine (load 35 on 2 cores) formatting took more than a minute
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(main + " failed; see " + dir.resolve(main + ".log"));
        }
    }

    private static ProcessBuilder java(String main, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                main));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(new File("."));
    }

    private static int freePort() {
        return Ports.free();
    }
}
