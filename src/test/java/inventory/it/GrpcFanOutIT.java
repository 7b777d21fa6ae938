package inventory.it;

import static org.assertj.core.api.Assertions.assertThat;

import inventory.internal.grpc.v1.StockLevel;
import inventory.internal.grpc.v1.StockServiceGrpc;
import inventory.internal.grpc.v1.WatchRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import testsupport.PackagedApp;

/**
 * Two packaged instances on one database: stock changes committed through A reach a gRPC watcher on B
 * (and one on A) in version order, through the outbox follower's fan-out; then B, told to stop (SIGTERM),
 * ends its watches with UNAVAILABLE at the start of its drain. The test prints the latency commit →
 * watcher; {@code bench/grpc-latency.sh} runs it with more changes ({@code -Dqm.bench.changes}).
 */
class GrpcFanOutIT {

    private static final int A = testsupport.Ports.free();
    private static final int B = testsupport.Ports.free();
    private static final int CHANGES = Integer.getInteger("qm.bench.changes", 20);
    private static final PackagedApp APP = new PackagedApp();
    private static Process a;
    private static Process b;

    @BeforeAll
    static void start() throws Exception {
        RestAssured.baseURI = "http://localhost";
        a = APP.start(A);
        b = APP.start(B);
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process p : new Process[] {a, b}) {
            if (p != null) {
                p.destroyForcibly().waitFor();
            }
        }
        APP.dropDatabase();
    }

    /** Levels received by one watcher, with the latency of each from its commit. */
    static final class Watcher implements StreamObserver<StockLevel> {
        final List<StockLevel> levels = new CopyOnWriteArrayList<>();
        final List<Double> latencies = new CopyOnWriteArrayList<>();
        volatile Throwable failed;

        @Override
        public void onNext(StockLevel level) {
            latencies.add(Duration.between(Instant.parse(level.getUpdatedAt()), Instant.now())
                            .toNanos()
                    / 1e6);
            levels.add(level);
        }

        @Override
        public void onError(Throwable t) {
            failed = t;
        }

        @Override
        public void onCompleted() {}
    }

    @Test
    void changesThroughOneInstanceReachGrpcWatchersOfTheOther() throws Exception {
        String operator = APP.operatorToken(A);
        String sku = "GFAN-1";
        given(operator)
                .body(Map.of("sku", sku, "name", "gRPC fan-out", "unitPrice", "1.00"))
                .post("/v1/products")
                .then()
                .statusCode(201);
        String client = given(operator)
                .body(Map.of("name", "gRPC Fan Co", "currency", "EUR", "creditLimit", "1.00"))
                .post("/v1/clients")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Response credential = given(operator)
                .body(Map.of("scopes", List.of("inventory:read")))
                .post("/v1/clients/" + client + "/credentials");
        String token = RestAssured.given()
                .port(A)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", credential.<String>path("clientId"))
                .formParam("client_secret", credential.<String>path("clientSecret"))
                .post("/oauth2/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");

        ManagedChannel toA =
                ManagedChannelBuilder.forAddress("localhost", A).usePlaintext().build();
        ManagedChannel toB =
                ManagedChannelBuilder.forAddress("localhost", B).usePlaintext().build();
        try {
            Watcher onA = watch(toA, token, sku);
            Watcher onB = watch(toB, token, sku);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> onA.levels.size() == 1 && onB.levels.size() == 1);
            assertThat(onB.levels.get(0).getOnHand()).isZero();
            onA.latencies.clear();
            onB.latencies.clear();

            for (int i = 0; i < CHANGES; i++) {
                given(operator)
                        .body(Map.of("adjustments", List.of(Map.of("sku", sku, "delta", 1, "reason", "restock"))))
                        .post("/v1/inventory/adjustments")
                        .then()
                        .statusCode(200);
            }
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> onB.levels.size() == CHANGES + 1 && onA.levels.size() == CHANGES + 1);
            for (Watcher w : List.of(onA, onB)) {
                assertThat(w.failed).isNull();
                assertThat(w.levels.get(CHANGES).getOnHand()).isEqualTo(CHANGES);
                for (int i = 1; i < w.levels.size(); i++) {
                    assertThat(w.levels.get(i).getVersion())
                            .isGreaterThan(w.levels.get(i - 1).getVersion());
                }
            }
            report("same instance ", onA.latencies);
            report("other instance", onB.latencies);

            // SIGTERM: B starts draining and ends its watches with UNAVAILABLE, so clients reconnect elsewhere
            b.destroy();
            // well before the drain's own end (3 s delay + up to 20 s waiting for open requests such as this watch)
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> onB.failed != null);
            assertThat(io.grpc.Status.fromThrowable(onB.failed).getCode()).isEqualTo(io.grpc.Status.Code.UNAVAILABLE);
            assertThat(onA.failed).isNull();
        } finally {
            toA.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            toB.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static io.restassured.specification.RequestSpecification given(String token) {
        return RestAssured.given().port(A).auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static Watcher watch(ManagedChannel channel, String token, String sku) {
        Metadata metadata = new Metadata();
        metadata.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        Watcher watcher = new Watcher();
        StockServiceGrpc.newStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata))
                .watch(WatchRequest.newBuilder().addSkus(sku).build(), watcher);
        return watcher;
    }

    private static void report(String label, List<Double> latencies) {
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(
                "commit -> gRPC watcher, %s: %d changes, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                label,
                sorted.size(),
                sorted.get(sorted.size() / 2),
                sorted.get((int) (sorted.size() * 0.99)),
                sorted.get(sorted.size() - 1));
    }
}
