package inventory.internal.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.ErrorInfo;
import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass;
import inventory.internal.grpc.v1.GetStockLevelsRequest;
import inventory.internal.grpc.v1.GetStockLevelsResponse;
import inventory.internal.grpc.v1.StockLevel;
import inventory.internal.grpc.v1.StockServiceGrpc;
import inventory.internal.grpc.v1.WatchRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Catalog;

/** StockService over gRPC on the main HTTP port, through the generated Java stub. */
@QuarkusTest
class StockGrpcTest {

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = ManagedChannelBuilder.forAddress("localhost", RestAssured.port)
                .usePlaintext()
                .build();
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static Metadata bearer(String token) {
        Metadata metadata = new Metadata();
        metadata.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return metadata;
    }

    private StockServiceGrpc.StockServiceBlockingStub blocking(String token) {
        var stub = StockServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
        return token == null ? stub : stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer(token)));
    }

    private StockServiceGrpc.StockServiceStub async(String token) {
        return StockServiceGrpc.newStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer(token)));
    }

    private static String reason(StatusRuntimeException e) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        assertThat(status).as("a google.rpc.Status with details").isNotNull();
        try {
            return status.getDetails(0).unpack(ErrorInfo.class).getReason();
        } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
            throw new AssertionError(ex);
        }
    }

    /** What one watch received: levels, then perhaps the status it ended with. */
    static final class Watcher implements StreamObserver<StockLevel> {
        final LinkedBlockingQueue<StockLevel> levels = new LinkedBlockingQueue<>();
        volatile Throwable ended;

        @Override
        public void onNext(StockLevel level) {
            levels.add(level);
        }

        @Override
        public void onError(Throwable t) {
            ended = t;
        }

        @Override
        public void onCompleted() {
            ended = Status.OK.asRuntimeException();
        }

        StockLevel next() throws InterruptedException {
            StockLevel level = levels.poll(20, TimeUnit.SECONDS);
            assertThat(level).as("a stock level within 20 s").isNotNull();
            return level;
        }

        Status.Code endedWith() {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ended != null);
            return Status.fromThrowable(ended).getCode();
        }
    }

    @Test
    void answersStockLevelsToAnAllowedTokenOnly() {
        String sku = Catalog.stocked("GRPC", "1.00", 12);
        var reader = Api.newClient("gRPC Reader", "inventory:read");
        var ordersOnly = Api.newClient("gRPC No Scope", "orders:read");
        GetStockLevelsRequest request =
                GetStockLevelsRequest.newBuilder().addSkus(sku).build();

        GetStockLevelsResponse response = blocking(reader.token()).getStockLevels(request);
        assertThat(response.getLevelsList()).hasSize(1);
        assertThat(response.getLevels(0).getOnHand()).isEqualTo(12);
        assertThat(response.getLevels(0).getAvailable()).isEqualTo(12);

        var anonymous = catchThrowableOfType(
                StatusRuntimeException.class, () -> blocking(null).getStockLevels(request));
        assertThat(anonymous.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(reason(anonymous)).isEqualTo("unauthorized");

        var garbage = catchThrowableOfType(
                StatusRuntimeException.class, () -> blocking("not-a-token").getStockLevels(request));
        assertThat(garbage.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);

        var refused = catchThrowableOfType(
                StatusRuntimeException.class, () -> blocking(ordersOnly.token()).getStockLevels(request));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(reason(refused)).isEqualTo("insufficient_scope");

        var invalid = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> blocking(reader.token())
                        .getStockLevels(GetStockLevelsRequest.newBuilder()
                                .addSkus("not a sku!")
                                .build()));
        assertThat(invalid.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(reason(invalid)).isEqualTo("invalid_request");
    }

    @Test
    void watchSendsASnapshotThenChangesInVersionOrderAndResumes() throws Exception {
        String sku = Catalog.stocked("GRPCW", "1.00", 5);
        var reader = Api.newClient("gRPC Watcher", "inventory:read");
        Watcher watcher = new Watcher();
        async(reader.token()).watch(WatchRequest.newBuilder().addSkus(sku).build(), watcher);
        StockLevel snapshot = watcher.next();
        assertThat(snapshot.getSku()).isEqualTo(sku);
        assertThat(snapshot.getOnHand()).isEqualTo(5);

        long last = snapshot.getVersion();
        for (int i = 1; i <= 3; i++) {
            Catalog.adjust(sku, i);
        }
        long onHand = 5;
        for (int i = 1; i <= 3; i++) {
            StockLevel change = watcher.next();
            assertThat(change.getVersion()).isGreaterThan(last);
            last = change.getVersion();
            onHand += i;
            assertThat(change.getOnHand()).isEqualTo(onHand);
        }

        // a client that already has the current version gets no snapshot, only the next change
        Watcher resumed = new Watcher();
        async(reader.token())
                .watch(
                        WatchRequest.newBuilder()
                                .addSkus(sku)
                                .putSinceVersions(sku, last)
                                .build(),
                        resumed);
        Catalog.adjust(sku, 100);
        StockLevel next = resumed.next();
        assertThat(next.getVersion()).isGreaterThan(last);
        assertThat(next.getOnHand()).isEqualTo(onHand + 100);
    }

    @Test
    void stockLevelsCarryTheUnitsQuotesHold() throws Exception {
        String sku = Catalog.stocked("GRPCH", "1.00", 20);
        var reader = Api.newClient("gRPC Held Reader", "inventory:read");
        var buyer = Api.newClient("gRPC Held Buyer", "orders:read", "orders:write", "inventory:read");
        Watcher watcher = new Watcher();
        async(reader.token()).watch(WatchRequest.newBuilder().addSkus(sku).build(), watcher);
        StockLevel snapshot = watcher.next();
        assertThat(snapshot.getHeld()).isZero();
        assertThat(snapshot.getAvailable()).isEqualTo(20);

        Api.as(buyer.token())
                .body(Map.of("lines", List.of(Map.of("sku", sku, "quantity", 5))))
                .post("/v1/quotes")
                .then()
                .statusCode(201);

        StockLevel change = watcher.next();
        assertThat(change.getHeld()).isEqualTo(5);
        assertThat(change.getReserved()).isZero();
        assertThat(change.getAvailable()).isEqualTo(15);
        StockLevel unary = blocking(reader.token())
                .getStockLevels(GetStockLevelsRequest.newBuilder().addSkus(sku).build())
                .getLevels(0);
        assertThat(unary.getHeld()).isEqualTo(5);
        assertThat(unary.getAvailable()).isEqualTo(unary.getOnHand() - unary.getReserved() - unary.getHeld());
        assertThat(unary.getAvailable()).isEqualTo(15);
    }

    @Test
    void endsTheWatchWhenTheCredentialIsRevoked() throws Exception {
        String sku = Catalog.stocked("GRPCR", "1.00", 1);
        var reader = Api.newClient("gRPC Revoked", "inventory:read");
        Watcher watcher = new Watcher();
        async(reader.token()).watch(WatchRequest.newBuilder().addSkus(sku).build(), watcher);
        watcher.next();
        Api.asOperator()
                .delete("/v1/clients/" + reader.id() + "/credentials/" + reader.credentialId())
                .then()
                .statusCode(204);
        assertThat(watcher.endedWith()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void endsTheWatchWhenTheClientIsSuspended() throws Exception {
        String sku = Catalog.stocked("GRPCS", "1.00", 1);
        var reader = Api.newClient("gRPC Suspended", "inventory:read");
        Watcher watcher = new Watcher();
        async(reader.token()).watch(WatchRequest.newBuilder().addSkus(sku).build(), watcher);
        watcher.next();
        String etag = Api.asOperator().get("/v1/clients/" + reader.id()).header("ETag");
        Api.asOperator()
                .header("If-Match", etag)
                .body(Map.of("status", "suspended"))
                .patch("/v1/clients/" + reader.id())
                .then()
                .statusCode(200);
        assertThat(watcher.endedWith()).isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void capsOpenWatchesPerClient() throws Exception {
        String sku = Catalog.stocked("GRPCC", "1.00", 1);
        var reader = Api.newClient("gRPC Greedy", "inventory:read");
        int cap = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quartermaster.streams.max-streams-per-client", Integer.class);
        List<Watcher> open = new ArrayList<>();
        for (int i = 0; i < cap; i++) {
            Watcher watcher = new Watcher();
            async(reader.token()).watch(WatchRequest.newBuilder().addSkus(sku).build(), watcher);
            watcher.next();
            open.add(watcher);
        }
        Watcher oneTooMany = new Watcher();
        async(reader.token()).watch(WatchRequest.newBuilder().addSkus(sku).build(), oneTooMany);
        assertThat(oneTooMany.endedWith()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(open).allSatisfy(w -> assertThat(w.ended).isNull());
    }

    @Test
    void servesHealthFromReadinessAndReflection() {
        var health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> health.check(HealthOuterClass.HealthCheckRequest.newBuilder()
                                        .setService(GrpcReadiness.SERVICE)
                                        .build())
                                .getStatus()
                        == HealthOuterClass.HealthCheckResponse.ServingStatus.SERVING);

        LinkedBlockingQueue<ServerReflectionResponse> answers = new LinkedBlockingQueue<>();
        var requests = ServerReflectionGrpc.newStub(channel).serverReflectionInfo(new StreamObserver<>() {
            @Override
            public void onNext(ServerReflectionResponse value) {
                answers.add(value);
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {}
        });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !answers.isEmpty());
        requests.onCompleted();
        assertThat(answers.peek().getListServicesResponse().getServiceList())
                .anySatisfy(s -> assertThat(s.getName()).isEqualTo(GrpcReadiness.SERVICE));
    }
}
