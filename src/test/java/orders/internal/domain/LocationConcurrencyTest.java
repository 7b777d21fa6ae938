package orders.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * Stock per location under concurrency (ADR 0052): orders that name a location or let the allocator choose,
 * backordered orders, cancels, quotes and their cancels, and restocks at two locations race on two SKUs.
 * Afterwards each location's reserved and held units are exactly what its owner rows record, the locations
 * sum to the totals, and every live order's units are recorded somewhere.
 */
@QuarkusTest
class LocationConcurrencyTest {

    @Test
    void parallelOrdersCancelsQuotesAndRestocksAtTwoLocationsKeepEveryInvariant() throws Exception {
        String near = location("LCNEAR", 1);
        String far = location("LCFAR", 2);
        String a = Catalog.product("LCA", "1.00");
        String b = Catalog.product("LCB", "1.00");
        String operator = Api.operatorToken();
        adjust(operator, a, near, 20);
        adjust(operator, a, far, 20);
        adjust(operator, b, near, 5);
        adjust(operator, b, far, 20);
        List<TestClient> clients = List.of(
                Api.newClient("Location Race 1", "orders:read", "orders:write"),
                Api.newClient("Location Race 2", "orders:read", "orders:write"));
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            TestClient c = clients.get(i % clients.size());
            int n = i;
            switch (i % 7) {
                case 0 -> calls.add(() -> post(c.token(), "/v1/orders", Orders.order(null, a, 3 + n % 5, b, 2)));
                case 1 ->
                    calls.add(() -> {
                        Map<String, Object> body = Orders.order(null, b, 2, a, 2);
                        body.put("location", n % 2 == 0 ? near : far);
                        return post(c.token(), "/v1/orders", body);
                    });
                case 2 ->
                    calls.add(() -> {
                        Map<String, Object> body = Orders.order(null, a, 6, b, 4);
                        body.put("backorderPolicy", "backorder");
                        return post(c.token(), "/v1/orders", body);
                    });
                case 3 -> calls.add(() -> adjust(operator, n % 2 == 0 ? a : b, n % 3 == 0 ? near : far, 4));
                case 4 ->
                    calls.add(() -> {
                        Response placed = given(c.token())
                                .body(Orders.order(null, a, 5, b, 5))
                                .post("/v1/orders");
                        String id = placed.path("id");
                        return id == null
                                ? placed.statusCode()
                                : post(c.token(), "/v1/orders/" + id + "/cancel", Map.of());
                    });
                case 5 ->
                    calls.add(() -> {
                        Response quoted = given(c.token())
                                .body(Map.of(
                                        "lines",
                                        List.of(Map.of("sku", a, "quantity", 2), Map.of("sku", b, "quantity", 1))))
                                .post("/v1/quotes");
                        String id = quoted.path("id");
                        return id == null
                                ? quoted.statusCode()
                                : post(c.token(), "/v1/quotes/" + id + "/cancel", Map.of());
                    });
                default ->
                    calls.add(() ->
                            post(c.token(), "/v1/quotes", Map.of("lines", List.of(Map.of("sku", b, "quantity", 1)))));
            }
        }
        List<Integer> statuses = runAll(calls, 12);
        assertThat(statuses).allMatch(s -> s == 200 || s == 201 || s == 409, "only successes and stock refusals");
        assertThat(statuses).contains(201);

        for (String sku : List.of(a, b)) {
            assertThat(value("SELECT on_hand - (SELECT sum(on_hand) FROM inventory.location_stock WHERE sku = '" + sku
                            + "') FROM inventory.stock_levels WHERE sku = '" + sku + "'"))
                    .as("on hand of the locations sums to the total")
                    .isZero();
            assertThat(value("SELECT reserved - (SELECT sum(reserved) FROM inventory.location_stock WHERE sku = '" + sku
                            + "') FROM inventory.stock_levels WHERE sku = '" + sku + "'"))
                    .isZero();
            assertThat(value("SELECT held - (SELECT sum(held) FROM inventory.location_stock WHERE sku = '" + sku
                            + "') FROM inventory.stock_levels WHERE sku = '" + sku + "'"))
                    .isZero();
            assertThat(value("SELECT count(*) FROM inventory.location_stock ls WHERE ls.sku = '" + sku + "' AND ("
                            + " ls.reserved <> (SELECT coalesce(sum(reserved), 0) FROM inventory.location_reservations r"
                            + "                 WHERE r.sku = ls.sku AND r.location = ls.location)"
                            + " OR ls.held <> (SELECT coalesce(sum(held), 0) FROM inventory.location_reservations r"
                            + "                 WHERE r.sku = ls.sku AND r.location = ls.location))"))
                    .as("each location's reserved and held units are exactly what its owners' rows record")
                    .isZero();
            assertThat(value("SELECT coalesce(sum(r.reserved), 0) FROM inventory.location_reservations r"
                            + " WHERE r.sku = '" + sku + "'"))
                    .as("reserved at the locations = what live order lines hold")
                    .isEqualTo(value("SELECT coalesce(sum(l.quantity - l.backordered), 0)"
                            + " FROM orders.order_lines l JOIN orders.orders o ON o.id = l.order_id"
                            + " WHERE l.sku = '" + sku + "' AND o.status <> 'cancelled'"));
            assertThat(value("SELECT count(*) FROM inventory.location_reservations r JOIN orders.orders o"
                            + " ON o.id = r.owner_id WHERE r.sku = '" + sku + "' AND o.status = 'cancelled'"))
                    .as("a cancelled order keeps nothing anywhere")
                    .isZero();
            assertThat(value("SELECT coalesce(sum(on_hand_delta), 0) FROM inventory.stock_movements WHERE sku = '" + sku
                            + "'"))
                    .isEqualTo(value("SELECT on_hand FROM inventory.stock_levels WHERE sku = '" + sku + "'"));
        }
    }

    private static String location(String prefix, int rank) {
        String code = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Api.asOperator()
                .body(Map.of("code", code, "name", code, "rank", rank))
                .post("/v1/locations")
                .then()
                .statusCode(201);
        return code;
    }

    private static int adjust(String token, String sku, String location, long delta) {
        return post(
                token,
                "/v1/inventory/adjustments",
                Map.of(
                        "adjustments",
                        List.of(Map.of("sku", sku, "delta", delta, "reason", "restock", "location", location))));
    }

    private static io.restassured.specification.RequestSpecification given(String token) {
        return RestAssured.given().auth().oauth2(token).contentType("application/json");
    }

    private static int post(String token, String path, Object body) {
        return given(token).body(body).post(path).statusCode();
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
