package orders.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import testsupport.PackagedApp;

/**
 * Runs the packaged application as a real process, kills it (SIGKILL) while it works through a batch,
 * starts it again on the same database and checks that the batch completes with every order placed
 * exactly once. Run by failsafe after {@code package}.
 */
class BatchRestartIT {

    private static final int PORT = testsupport.Ports.free();
    private static final PackagedApp APP = new PackagedApp();

    private static Process app;

    @BeforeAll
    static void start() throws Exception {
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = PORT;
        app = APP.start(PORT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.destroyForcibly().waitFor();
        }
        APP.dropDatabase();
    }

    @Test
    void theProductionBuildExposesNoDevEndpointsAndSendsSecurityHeaders() {
        for (String dev : List.of("/q/dev-ui", "/q/dev-ui/", "/q/swagger-ui", "/q/swagger-ui/", "/q/dev")) {
            assertThat(RestAssured.get(dev).statusCode()).as(dev).isIn(401, 404);
        }
        RestAssured.get("/q/openapi").then().statusCode(200);
        RestAssured.get("/v1/clients")
                .then()
                .statusCode(401)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
                .header("Cache-Control", "no-store")
                .contentType("application/problem+json");
    }

    @Test
    void aBatchInterruptedByAKilledInstanceCompletesWithoutDuplicates() throws Exception {
        String operator = APP.operatorToken(PORT);
        List<Map<String, Object>> products = new ArrayList<>();
        List<Map<String, Object>> stock = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            products.add(Map.of("sku", "RST-" + i, "name", "Restart " + i, "unitPrice", "1.00"));
            stock.add(Map.of("sku", "RST-" + i, "delta", 100_000, "reason", "restock"));
        }
        as(operator)
                .body(Map.of("products", products))
                .post("/v1/products/batch")
                .then()
                .statusCode(200);
        as(operator)
                .body(Map.of("adjustments", stock))
                .post("/v1/inventory/adjustments")
                .then()
                .statusCode(200);
        String clientId = as(operator)
                .body(Map.of("name", "Restart Co", "currency", "EUR", "creditLimit", "100000000.00"))
                .post("/v1/clients")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Response credential = as(operator)
                .body(Map.of("scopes", List.of("orders:read", "orders:write")))
                .post("/v1/clients/" + clientId + "/credentials");
        String client = token(credential.path("clientId"), credential.path("clientSecret"));

        int orders = 400;
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            List<Map<String, Object>> lines = new ArrayList<>();
            for (int l = 0; l < 100; l++) {
                lines.add(Map.of(
                        "sku",
                        "RST-" + l,
                        "quantity",
                        1 + ThreadLocalRandom.current().nextInt(3)));
            }
            batch.add(Map.of("externalRef", "RST-PO-" + i, "lines", lines));
        }
        String location = as(client)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("orders", batch))
                .post("/v1/orders/batch")
                .then()
                .statusCode(202)
                .extract()
                .header("Location");

        int processedBeforeKill = waitUntil(client, location, b -> b.<Integer>path("processed") >= 20)
                .path("processed");
        app.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, transactions cut mid-way
        assertThat(processedBeforeKill).isLessThan(orders);

        app = APP.start(PORT);
        Response done = waitUntil(client, location, b -> "completed".equals(b.path("status")));
        assertThat(done.<Integer>path("accepted")).isEqualTo(orders);
        assertThat(done.<Integer>path("rejected")).isZero();

        try (Connection c = APP.superuser();
                Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT external_ref), coalesce(sum(total), 0) "
                    + "FROM orders.orders WHERE client_id = '" + clientId + "'");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(orders);
            assertThat(rs.getInt(2)).isEqualTo(orders);
            long ordered = rs.getBigDecimal(3).longValue();
            rs = s.executeQuery("SELECT sum(reserved) FROM inventory.stock_levels WHERE sku LIKE 'RST-%'");
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(ordered); // unit price 1.00: reserved units = order totals
            rs = s.executeQuery(
                    "SELECT count(*) FROM orders.batch_items WHERE status <> 'created' OR order_id IS NULL");
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    private static Response waitUntil(String token, String location, java.util.function.Predicate<Response> done) {
        return Awaitility.await("batch " + location)
                .atMost(Duration.ofMinutes(5))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(25))
                .until(() -> as(token).get(location), r -> r.statusCode() == 200 && done.test(r));
    }

    private static String token(String id, String secret) {
        return RestAssured.given()
                .auth()
                .preemptive()
                .basic(id, secret)
                .formParam("grant_type", "client_credentials")
                .post("/oauth2/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    private static RequestSpecification as(String token) {
        return RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON);
    }
}
