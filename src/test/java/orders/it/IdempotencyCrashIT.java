package orders.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import testsupport.Orders;
import testsupport.PackagedApp;

/**
 * Issue 10 item 12: an instance killed (SIGKILL) while it places an order must not strand the order's
 * Idempotency-Key. Two packaged instances share one database; the order on A is held mid-transaction by
 * a row lock the test takes on the SKU's stock (contention, no hook in the application), A is killed,
 * and the client's retry on B with the same key must be placed at once: 201 and exactly one order.
 */
class IdempotencyCrashIT {

    private static final int PORT_A = testsupport.Ports.free();
    private static final int PORT_B = testsupport.Ports.free();
    private static final PackagedApp APP = new PackagedApp();

    private static Process a;
    private static Process b;

    @BeforeAll
    static void start() throws Exception {
        RestAssured.baseURI = "http://localhost";
        a = APP.start(PORT_A);
        b = APP.start(PORT_B);
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

    @Test
    void aKilledInstanceFreesTheKeyAtOnce() throws Exception {
        String operator = APP.operatorToken(PORT_A);
        String sku = "CRASH-" + UUID.randomUUID().toString().substring(0, 8);
        as(PORT_A, operator)
                .body(Map.of("sku", sku, "name", "Crash", "unitPrice", "1.00"))
                .post("/v1/products")
                .then()
                .statusCode(201);
        as(PORT_A, operator)
                .body(Map.of("adjustments", List.of(Map.of("sku", sku, "delta", 100, "reason", "restock"))))
                .post("/v1/inventory/adjustments")
                .then()
                .statusCode(200);
        String clientId = as(PORT_A, operator)
                .body(Map.of("name", "Crash Co", "currency", "EUR", "creditLimit", "1000.00"))
                .post("/v1/clients")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Response credential = as(PORT_A, operator)
                .body(Map.of("name", "crash", "scopes", List.of("orders:read", "orders:write")))
                .post("/v1/clients/" + clientId + "/credentials");
        String token = RestAssured.given()
                .port(PORT_A)
                .auth()
                .preemptive()
                .basic(credential.path("clientId"), credential.path("clientSecret"))
                .formParam("grant_type", "client_credentials")
                .post("/oauth2/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        String key = UUID.randomUUID().toString();
        String order = new ObjectMapper().writeValueAsString(Orders.order("CRASH-PO", sku, 5));

        try (Connection blocker = APP.superuser();
                Connection watcher = APP.superuser()) {
            blocker.setAutoCommit(false);
            try (PreparedStatement lock =
                    blocker.prepareStatement("SELECT 1 FROM inventory.stock_levels WHERE sku = ? FOR UPDATE")) {
                lock.setString(1, sku);
                lock.executeQuery().close();
            }
            CompletableFuture<HttpResponse<String>> first = HttpClient.newHttpClient()
                    .sendAsync(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + PORT_A + "/v1/orders"))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .header("Idempotency-Key", key)
                                    .POST(HttpRequest.BodyPublishers.ofString(order))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            // A's order transaction now waits for the stock row, in the middle of its work
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingForALock(watcher));
            assertThat(first).isNotDone();
            // while A is alive, a duplicate elsewhere is told the key is in flight
            post(PORT_B, token, key, order).then().statusCode(409);

            a.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, the transaction cut mid-way
            blocker.rollback();
        }

        // the client retries on B with the same key: placed at once, not 409 for the in-flight timeout
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> post(PORT_B, token, key, order).statusCode() == 201);
        post(PORT_B, token, key, order).then().statusCode(201).header("Idempotent-Replayed", "true");
        try (Connection c = APP.superuser();
                Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT count(*) FROM orders.orders WHERE client_id = '" + clientId + "'");
            rs.next();
            assertThat(rs.getInt(1)).as("orders placed").isEqualTo(1);
            rs = s.executeQuery("SELECT reserved FROM inventory.stock_levels WHERE sku = '" + sku + "'");
            rs.next();
            assertThat(rs.getLong(1)).as("reserved units").isEqualTo(5);
        }
    }

    private static boolean waitingForALock(Connection watcher) throws Exception {
        try (Statement s = watcher.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private static Response post(int port, String token, String key, String order) {
        return as(port, token).header("Idempotency-Key", key).body(order).post("/v1/orders");
    }

    private static RequestSpecification as(int port, String token) {
        return RestAssured.given().port(port).auth().oauth2(token).contentType(ContentType.JSON);
    }
}
