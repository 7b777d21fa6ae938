package inventory.internal.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import inventory.internal.grpc.v1.GetStockLevelsRequest;
import inventory.internal.grpc.v1.StockLevel;
import inventory.internal.grpc.v1.StockServiceGrpc;
import inventory.internal.grpc.v1.WatchRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Catalog;
import testsupport.Ports;

/**
 * deploy/haproxy/haproxy.cfg as it is, run by a real HAProxy in front of the test instance: REST over HTTP/1.1 and
 * gRPC (h2c, prior knowledge) share its one port, and the gRPC calls reach the instance over HTTP/2. Needs the
 * {@code haproxy} binary (Debian's haproxy; {@code .ci/run} installs it); skipped without it.
 */
@QuarkusTest
class GrpcBehindHaproxyTest {

    private static final Path CONFIG = Path.of("deploy/haproxy/haproxy.cfg");

    private Process haproxy;
    private ManagedChannel channel;
    private int lbPort;
    private Path log;

    private static String haproxyBinary() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/usr/local/sbin")
                .split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "haproxy");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private ProcessBuilder haproxy(String binary, String... args) {
        String app = "127.0.0.1:" + RestAssured.port;
        ProcessBuilder builder = new ProcessBuilder();
        builder.command().add(binary);
        builder.command().addAll(java.util.List.of(args));
        builder.environment()
                .putAll(Map.of("QM_LB_BIND", "127.0.0.1:" + lbPort, "QM_APP1", app, "QM_APP2", app, "QM_APP3", app));
        builder.redirectErrorStream(true);
        return builder;
    }

    @BeforeEach
    void startHaproxy() throws Exception {
        String binary = haproxyBinary();
        Assumptions.assumeTrue(
                binary != null, "GrpcBehindHaproxyTest skipped: no haproxy binary (apt-get install haproxy)");
        lbPort = Ports.free();
        log = Files.createTempFile("qm-haproxy", ".log");

        Process check = haproxy(binary, "-c", "-f", CONFIG.toString())
                .redirectOutput(log.toFile())
                .start();
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(() -> "haproxy -c: " + read(log)).isZero();

        haproxy = haproxy(binary, "-db", "-f", CONFIG.toString())
                .redirectOutput(log.toFile())
                .start();
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .untilAsserted(() -> {
                    assertThat(haproxy.isAlive())
                            .as(() -> "haproxy exited: " + read(log))
                            .isTrue();
                    RestAssured.given()
                            .baseUri("http://127.0.0.1")
                            .port(lbPort)
                            .get("/q/health/ready")
                            .then()
                            .statusCode(200);
                });
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", lbPort)
                .usePlaintext()
                .build();
    }

    @AfterEach
    void stopHaproxy() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (haproxy != null) {
            haproxy.destroy();
            if (!haproxy.waitFor(10, TimeUnit.SECONDS)) {
                haproxy.destroyForcibly();
            }
        }
        if (log != null) {
            Files.deleteIfExists(log);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }

    private static Metadata bearer(String token) {
        Metadata metadata = new Metadata();
        metadata.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return metadata;
    }

    @Test
    void servesRestAndGrpcWatchAndGetStockLevelsThroughTheLoadBalancer() throws Exception {
        String sku = Catalog.stocked("GRPCLB", "1.00", 9);
        var reader = Api.newClient("gRPC via HAProxy", "inventory:read");

        // REST still goes through over HTTP/1.1
        RestAssured.given()
                .baseUri("http://127.0.0.1")
                .port(lbPort)
                .auth()
                .oauth2(reader.token())
                .get("/v1/inventory/" + sku)
                .then()
                .statusCode(200);

        GetStockLevelsRequest request =
                GetStockLevelsRequest.newBuilder().addSkus(sku).build();
        var stub = StockServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(20, TimeUnit.SECONDS)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer(reader.token())));
        StockLevel level = stub.getStockLevels(request).getLevels(0);
        assertThat(level.getSku()).isEqualTo(sku);
        assertThat(level.getOnHand()).isEqualTo(9);

        // errors keep their gRPC status through the proxy (trailers over HTTP/2 on both sides)
        var anonymous = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> StockServiceGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(20, TimeUnit.SECONDS)
                        .getStockLevels(request));
        assertThat(anonymous.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);

        StockGrpcTest.Watcher watcher = new StockGrpcTest.Watcher();
        StockServiceGrpc.newStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer(reader.token())))
                .watch(WatchRequest.newBuilder().addSkus(sku).build(), watcher);
        StockLevel snapshot = watcher.next();
        assertThat(snapshot.getOnHand()).isEqualTo(9);
        Catalog.adjust(sku, 4);
        StockLevel change = watcher.next();
        assertThat(change.getVersion()).isGreaterThan(snapshot.getVersion());
        assertThat(change.getOnHand()).isEqualTo(13);
        assertThat(watcher.ended).isNull();
    }
}
