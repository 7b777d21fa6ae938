package orders.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Api.TestClient;
import testsupport.Catalog;
import testsupport.Orders;

/**
 * Backorders under concurrency (ADR 0047): restocks, PUTs, backordered and all-or-nothing orders and cancels
 * race on two SKUs; afterwards every reserved unit belongs to exactly one order line, nothing is reserved
 * twice or lost, the queue matches the lines, and a SKU with waiting units has nothing available.
 */
@QuarkusTest
class BackorderConcurrencyTest {

    @Test
    void parallelRestocksOrdersAndCancelsNeverOversellNorAllocateAUnitTwice() throws Exception {
        String a = Catalog.stocked("BOCONA", "1.00", 5);
        String b = Catalog.stocked("BOCONB", "1.00", 0);
        List<TestClient> clients = List.of(
                Api.newClient("Backorder Race 1", "orders:read", "orders:write"),
                Api.newClient("Backorder Race 2", "orders:read", "orders:write"),
                Api.newClient("Backorder Race 3", "orders:read", "orders:write"));
        String operator = Api.operatorToken();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            TestClient c = clients.get(i % clients.size());
            int n = i;
            switch (i % 5) {
                case 0, 1 ->
                    calls.add(
                            () -> { // backordered, lines in either order
                                Map<String, Object> body = n % 2 == 0
                                        ? Orders.order(null, a, 3 + n % 4, b, 2 + n % 3)
                                        : Orders.order(null, b, 2 + n % 3, a, 3 + n % 4);
                                body.put("backorderPolicy", "backorder");
                                return post(c.token(), "/v1/orders", body);
                            });
                case 2 -> calls.add(() -> post(c.token(), "/v1/orders", Orders.order(null, a, 2))); // reject policy
                case 3 ->
                    calls.add(() -> post(
                            operator,
                            "/v1/inventory/adjustments",
                            Map.of(
                                    "adjustments",
                                    List.of(
                                            Map.of("sku", b, "delta", 4, "reason", "restock"),
                                            Map.of("sku", a, "delta", 5, "reason", "restock")))));
                default ->
                    calls.add(
                            () -> { // place and cancel at once: releases race with allocations
                                String id = RestAssured.given()
                                        .auth()
                                        .oauth2(c.token())
                                        .contentType("application/json")
                                        .body(Map.of(
                                                "backorderPolicy",
                                                "backorder",
                                                "lines",
                                                List.of(
                                                        Map.of("sku", a, "quantity", 4),
                                                        Map.of("sku", b, "quantity", 4))))
                                        .post("/v1/orders")
                                        .path("id");
                                return id == null ? 0 : post(c.token(), "/v1/orders/" + id + "/cancel", Map.of());
                            });
            }
        }
        List<Integer> statuses = runAll(calls, 12);
        assertThat(statuses).allMatch(s -> s == 200 || s == 201 || s == 409, "only successes and stock refusals");

        for (String sku : List.of(a, b)) {
            long onHand = value("SELECT on_hand FROM inventory.stock_levels WHERE sku = '" + sku + "'");
            long reserved = value("SELECT reserved FROM inventory.stock_levels WHERE sku = '" + sku + "'");
            long allocatedToLiveLines = value("SELECT coalesce(sum(l.quantity - l.backordered), 0)"
                    + " FROM orders.order_lines l JOIN orders.orders o ON o.id = l.order_id"
                    + " WHERE l.sku = '" + sku + "' AND o.status <> 'cancelled'");
            long waitingOnLines = value("SELECT coalesce(sum(l.backordered), 0)"
                    + " FROM orders.order_lines l JOIN orders.orders o ON o.id = l.order_id"
                    + " WHERE l.sku = '" + sku + "' AND o.status <> 'cancelled'");
            long queued =
                    value("SELECT coalesce(sum(quantity), 0) FROM inventory.backorders WHERE sku = '" + sku + "'");
            long restocked = value("SELECT coalesce(sum(on_hand_delta), 0) FROM inventory.stock_movements"
                    + " WHERE sku = '" + sku + "'");
            assertThat(reserved)
                    .as("reserved = what live lines hold, each unit once")
                    .isEqualTo(allocatedToLiveLines);
            assertThat(reserved).as("never more than on hand").isLessThanOrEqualTo(onHand);
            assertThat(onHand).isEqualTo(restocked);
            assertThat(queued).as("the queue is what the lines wait for").isEqualTo(waitingOnLines);
            if (queued > 0) {
                assertThat(onHand - reserved)
                        .as("nothing stays available while orders wait")
                        .isZero();
            }
            assertThat(value("SELECT count(*) FROM inventory.backorders q JOIN orders.orders o ON o.id = q.order_id"
                            + " WHERE q.sku = '" + sku + "' AND o.status = 'cancelled'"))
                    .as("a cancelled order waits for nothing")
                    .isZero();
        }
        // the backordered orders that were never cancelled ask for at least 72 of a, the restocks bring 65
        assertThat(value("SELECT coalesce(sum(quantity), 0) FROM inventory.backorders WHERE sku = '" + a + "'"))
                .as("demand beyond supply still waits")
                .isPositive();
        assertThat(value("SELECT count(*) FROM platform.outbox WHERE type = 'order.allocation_changed'"))
                .isPositive();
    }

    private static int post(String token, String path, Object body) {
        return RestAssured.given()
                .auth()
                .oauth2(token)
                .contentType("application/json")
                .body(body)
                .post(path)
                .statusCode();
    }

    private static long value(String sql) throws Exception {
        try (Connection c = testsupport.Db.superuser();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static <T> List<T> runAll(List<Callable<T>> calls, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = pool.invokeAll(calls, 300, TimeUnit.SECONDS);
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
