package operations.internal.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Catalog;
import testsupport.Orders;

/** Prometheus metrics with the business counters, for operators only. */
@QuarkusTest
class MetricsTest {

    /** {@code %test.quartermaster.metrics.scrape-token} */
    private static final String SCRAPE_TOKEN = "test-prometheus-scrape-credential-0123456789abcdef";

    @Test
    void countsOrdersConflictsAndExposesTheOutboxLagToOperatorsOnly() {
        var buyer = Api.newClient("Metered Buyer", "orders:write");
        String sku = Catalog.stocked("METER", "1.00", 1);
        double before = value(scrape(), "quartermaster_orders_accepted_total");
        double conflictsBefore = value(scrape(), "quartermaster_reservation_conflicts_total");
        Api.as(buyer.token())
                .body(Orders.order(null, sku, 1))
                .post("/v1/orders")
                .then()
                .statusCode(201);
        Api.as(buyer.token())
                .body(Orders.order(null, sku, 5))
                .post("/v1/orders")
                .then()
                .statusCode(409);
        String metrics = scrape();
        assertThat(value(metrics, "quartermaster_orders_accepted_total")).isGreaterThanOrEqualTo(before + 1);
        assertThat(value(metrics, "quartermaster_reservation_conflicts_total"))
                .isGreaterThanOrEqualTo(conflictsBefore + 1);
        assertThat(metrics)
                .contains("quartermaster_orders_rejected_total{code=\"insufficient_stock\"")
                .contains("quartermaster_outbox_lag")
                .contains("quartermaster_rate_limit_refusals_total");

        given().get("/q/metrics").then().statusCode(401);
        given().auth().oauth2(buyer.token()).get("/q/metrics").then().statusCode(403);
    }

    @Test
    void prometheusScrapesWithTheStaticCredentialAndNothingElseIsTakenForIt() {
        String metrics = given().auth()
                .oauth2(SCRAPE_TOKEN)
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(metrics).contains("quartermaster_outbox_lag");

        given().auth().oauth2(SCRAPE_TOKEN + "x").get("/q/metrics").then().statusCode(401);
        given().auth()
                .oauth2(SCRAPE_TOKEN.substring(1))
                .get("/q/metrics")
                .then()
                .statusCode(401);
        given().auth()
                .basic("prometheus", SCRAPE_TOKEN)
                .get("/q/metrics")
                .then()
                .statusCode(401);
        // the scrape credential opens the metrics, not the API
        given().auth().oauth2(SCRAPE_TOKEN).get("/v1/products").then().statusCode(401);
    }

    @Test
    void exposesStreamConnectionsBatchQueueDepthAndOutboxLagAsGauges() throws Exception {
        var reader = Api.newClient("Metered Streamer", "inventory:read");
        var buyer = Api.newClient("Metered Batcher", "orders:read", "orders:write");
        String sku = Catalog.stocked("GAUGE", "1.00", 10);
        double sockets = value(scrape(), "quartermaster_stream_connections{transport=\"websocket\"}");
        double streams = value(scrape(), "quartermaster_stream_connections{transport=\"sse\"}");

        HttpClient http = HttpClient.newHttpClient();
        WebSocket socket = http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + reader.token())
                .buildAsync(
                        URI.create("ws://localhost:" + RestAssured.port + "/v1/inventory/stream"),
                        new WebSocket.Listener() {})
                .join();
        HttpResponse<InputStream> sse = http.send( // answers once the snapshot event is on its way
                HttpRequest.newBuilder(
                                URI.create("http://localhost:" + RestAssured.port + "/v1/inventory/stream?sku=" + sku))
                        .header("Accept", "text/event-stream")
                        .header("Authorization", "Bearer " + reader.token())
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(sse.statusCode()).isEqualTo(200);
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                String metrics = scrape();
                assertThat(value(metrics, "quartermaster_stream_connections{transport=\"websocket\"}"))
                        .isEqualTo(sockets + 1);
                assertThat(value(metrics, "quartermaster_stream_connections{transport=\"sse\"}"))
                        .isEqualTo(streams + 1);
            });
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
            sse.body().close(); // closes the connection
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String metrics = scrape();
            assertThat(value(metrics, "quartermaster_stream_connections{transport=\"websocket\"}"))
                    .isEqualTo(sockets);
            assertThat(value(metrics, "quartermaster_stream_connections{transport=\"sse\"}"))
                    .isEqualTo(streams);
        });

        Api.as(buyer.token())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("orders", List.of(Orders.order("G-1", sku, 1), Orders.order("G-2", sku, 1))))
                .post("/v1/orders/batch")
                .then()
                .statusCode(202);
        String metrics = scrape();
        assertThat(metrics).containsPattern("(?m)^quartermaster_batch_queue_depth [0-9.]+");
        assertThat(value(metrics, "quartermaster_batch_queue_depth")).isBetween(0.0, 1_000_000.0);
        assertThat(metrics).containsPattern("(?m)^quartermaster_outbox_lag [0-9.]+");
        assertThat(metrics).containsPattern("(?m)^quartermaster_outbox_relay_failures_total [0-9.]+");
        // the queue drains: the worker places both orders
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(value(scrape(), "quartermaster_batch_queue_depth"))
                        .isZero());
    }

    private static String scrape() {
        return given().auth()
                .oauth2(Api.operatorToken())
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private static double value(String metrics, String name) {
        String labels = name.contains("{") ? "" : "(\\{[^}]*\\})?";
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + labels + " ([0-9.eE+-]+)( # .*)?$")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(m.groupCount() - 1)) : 0;
    }
}
