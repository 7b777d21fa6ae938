package orders.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import orders.internal.domain.BatchWorker;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Api.TestClient;
import testsupport.Catalog;
import testsupport.Orders;

@QuarkusTest
class OrderBatchTest {

    @Inject
    BatchWorker worker;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void acceptsAtOnceAndProcessesEachOrderOnItsOwn() throws Exception {
        TestClient c = Api.newClient("Batch Buyer", "orders:read", "orders:write", "inventory:read");
        String sku = Catalog.stocked("BAT", "2.00", 10);
        List<Map<String, Object>> orders = new ArrayList<>();
        orders.add(Orders.order("B-0", sku, 4));
        orders.add(Orders.order("B-1", "NO-SUCH-SKU-B", 1));
        orders.add(Map.of("externalRef", "B-2", "lines", List.of(Map.of("sku", sku, "quantity", 0))));
        orders.add(Orders.order("B-3", sku, 7)); // only 6 left
        orders.add(Orders.order("B-4", sku, 6));
        Response accepted = Api.as(c.token())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("orders", orders))
                .post("/v1/orders/batch");
        accepted.then()
                .statusCode(202)
                .header("Location", endsWith("/v1/order-batches/" + accepted.path("batchId")))
                .body("status", equalTo("queued"))
                .body("total", equalTo(5));
        String location = "/v1/order-batches/" + accepted.path("batchId");

        Response done = awaitCompleted(c.token(), location);
        done.then()
                .body("processed", equalTo(5))
                .body("accepted", equalTo(2))
                .body("rejected", equalTo(3))
                .body("results.status", equalTo(List.of("created", "rejected", "rejected", "rejected", "created")))
                .body("results.externalRef", equalTo(List.of("B-0", "B-1", "B-2", "B-3", "B-4")))
                .body("results[1].error.code", equalTo("unknown_sku"))
                .body("results[1].error.status", equalTo(422))
                .body("results[1].error.errors[0].pointer", equalTo("/lines/0/sku"))
                .body("results[2].error.code", equalTo("invalid_request"))
                .body("results[3].error.code", equalTo("insufficient_stock"))
                // two workers run: B-4 may have reserved its 6 before B-3 was tried, or not
                .body("results[3].error.shortages[0].available", org.hamcrest.Matchers.anyOf(equalTo(6), equalTo(0)));
        assertThat(done.<String>path("completedAt")).isNotNull();
        String orderId = done.path("results[0].orderId");
        Api.as(c.token()).get("/v1/orders/" + orderId).then().statusCode(200).body("externalRef", equalTo("B-0"));
        Api.as(c.token()).get("/v1/inventory/" + sku).then().body("reserved", equalTo(10));
    }

    @Test
    void needsAnIdempotencyKeyAndReplaysIt() {
        TestClient c = Api.newClient("Batch Keys", "orders:read", "orders:write");
        String sku = Catalog.stocked("BATK", "1.00", 10);
        Map<String, Object> body = Map.of("orders", List.of(Orders.order(null, sku, 1)));
        Api.as(c.token())
                .body(body)
                .post("/v1/orders/batch")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_request"));
        String key = UUID.randomUUID().toString();
        String first = Api.as(c.token())
                .header("Idempotency-Key", key)
                .body(body)
                .post("/v1/orders/batch")
                .then()
                .statusCode(202)
                .extract()
                .path("batchId");
        Api.as(c.token())
                .header("Idempotency-Key", key)
                .body(body)
                .post("/v1/orders/batch")
                .then()
                .statusCode(202)
                .header("Idempotent-Replayed", "true")
                .body("batchId", equalTo(first));
    }

    @Test
    void refusesABadEnvelope() {
        TestClient c = Api.newClient("Batch Envelope", "orders:write");
        Api.as(c.token())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("orders", List.of()))
                .post("/v1/orders/batch")
                .then()
                .statusCode(400)
                .body("errors[0].pointer", equalTo("/orders"));
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(Map.of("lines", List.of()));
        }
        Api.as(c.token())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("orders", tooMany))
                .post("/v1/orders/batch")
                .then()
                .statusCode(400);
    }

    @Test
    void anotherClientsBatchIsNotFound() {
        TestClient owner = Api.newClient("Batch Owner", "orders:read", "orders:write");
        TestClient other = Api.newClient("Batch Other", "orders:read", "orders:write");
        String sku = Catalog.stocked("BATO", "1.00", 10);
        String id = Api.as(owner.token())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("orders", List.of(Orders.order(null, sku, 1))))
                .post("/v1/orders/batch")
                .then()
                .statusCode(202)
                .extract()
                .path("batchId");
        Api.as(other.token()).get("/v1/order-batches/" + id).then().statusCode(404);
        Api.as(owner.token()).get("/v1/order-batches/" + id).then().statusCode(200);
    }

    @Test
    void manyWorkersShareTheQueueWithoutPlacingAnOrderTwice() throws Exception {
        TestClient c = Api.newClient("Batch Crowd", "orders:read", "orders:write");
        String sku = Catalog.stocked("CROWD", "1.00", 10_000);
        List<Map<String, Object>> orders = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            orders.add(Orders.order("CR-" + i, sku, 1));
        }
        String id = Api.as(c.token())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("orders", orders))
                .post("/v1/orders/batch")
                .then()
                .statusCode(202)
                .extract()
                .path("batchId");
        // eight extra workers besides the application's own, as if eight more instances were running
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 8; i++) {
            pool.submit(() -> {
                while (worker.processOne()) {
                    // keep going until the queue is empty
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        awaitCompleted(c.token(), "/v1/order-batches/" + id).then().body("accepted", equalTo(120));
        try (Connection conn = testsupport.Db.superuser();
                ResultSet rs = conn.createStatement()
                        .executeQuery("SELECT count(*), count(DISTINCT external_ref) FROM orders.orders "
                                + "WHERE client_id = '" + c.id() + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(120);
            assertThat(rs.getInt(2)).isEqualTo(120);
        }
        Api.asOperator().get("/v1/inventory/" + sku).then().body("reserved", equalTo(120));
    }

    static Response awaitCompleted(String token, String location) {
        return Awaitility.await("batch " + location + " completed")
                .atMost(Duration.ofMinutes(3))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            Response r = Api.as(token).get(location);
                            r.then().statusCode(200);
                            return r;
                        },
                        r -> "completed".equals(r.path("status")));
    }
}
