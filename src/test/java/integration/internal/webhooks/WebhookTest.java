package integration.internal.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Catalog;
import testsupport.Orders;

/** Webhooks end to end against a real HTTP receiver on loopback (allowed by the test configuration). */
@QuarkusTest
class WebhookTest {

    record Received(Map<String, String> headers, String body) {}

    private static final Duration WAIT = Duration.ofSeconds(60);

    private HttpServer receiver;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failuresToAnswer = new AtomicInteger();
    private final AtomicInteger createdFailuresToAnswer = new AtomicInteger();

    @BeforeEach
    void listen() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean created = body.contains("\"type\":\"order.created\"");
            int status = failuresToAnswer.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                            || (created && createdFailuresToAnswer.getAndUpdate(n -> Math.max(0, n - 1)) > 0)
                    ? 500
                    : 204;
            if (status == 204) {
                received.add(new Received(
                        Map.of(
                                "webhook-id",
                                        String.valueOf(
                                                exchange.getRequestHeaders().getFirst("webhook-id")),
                                "webhook-timestamp",
                                        String.valueOf(
                                                exchange.getRequestHeaders().getFirst("webhook-timestamp")),
                                "webhook-signature",
                                        String.valueOf(
                                                exchange.getRequestHeaders().getFirst("webhook-signature"))),
                        body));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void close() {
        receiver.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    @Test
    void deliversSignedEventsOfTheSubscribersOwnOrdersOnly() throws Exception {
        var buyer = Api.newClient("Hooked Buyer", "orders:read", "orders:write", "webhooks:manage");
        var other = Api.newClient("Unhooked Buyer", "orders:write");
        String sku = Catalog.stocked("HOOK", "1.00", 10);
        var created = Api.as(buyer.token())
                .body(Map.of("url", url(), "eventTypes", List.of("order.created")))
                .post("/v1/webhooks");
        created.then()
                .statusCode(201)
                .body("secret", startsWith("whsec_"))
                .body("eventTypes", equalTo(List.of("order.created")));
        String secret = created.path("secret");
        String subscription = created.path("id");
        Api.as(buyer.token())
                .get("/v1/webhooks")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(subscription))
                .body("items[0].secret", org.hamcrest.Matchers.nullValue());

        Api.as(other.token())
                .body(Orders.order(null, sku, 1))
                .post("/v1/orders")
                .then()
                .statusCode(201);
        String order = Api.as(buyer.token())
                .body(Orders.order(null, sku, 2))
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        Received delivery = await(() -> received.stream()
                .filter(r -> order.equals(JsonPath.from(r.body()).getString("subject")))
                .findFirst()
                .orElse(null));
        JsonPath event = JsonPath.from(delivery.body());
        assertThat(event.getString("type")).isEqualTo("order.created");
        assertThat(event.getString("tenantid")).isEqualTo(buyer.id().toString());
        assertThat(event.getString("data.status")).isEqualTo("pending");
        assertThat(event.getString("specversion")).isEqualTo("1.0");
        String expected = "v1,"
                + WebhookSender.sign(
                        secret,
                        delivery.headers().get("webhook-id") + "."
                                + delivery.headers().get("webhook-timestamp") + "." + delivery.body());
        assertThat(delivery.headers().get("webhook-signature")).isEqualTo(expected);
        assertThat(delivery.headers().get("webhook-id")).isEqualTo(event.getString("id"));
        assertThat(received)
                .allMatch(r ->
                        buyer.id().toString().equals(JsonPath.from(r.body()).getString("tenantid")));

        // the other client's order committed first, so the dispatcher had passed it before it made the
        // buyer's delivery: the delivery log is complete, and holds the buyer's order only. The outcome
        // is recorded once the receiver's answer is back, so wait for it rather than for a fixed time.
        Awaitility.await()
                .atMost(WAIT)
                .untilAsserted(() -> Api.as(buyer.token())
                        .get("/v1/webhooks/" + subscription + "/deliveries")
                        .then()
                        .statusCode(200)
                        .body("items.eventId", equalTo(List.of(event.getString("id"))))
                        .body("items[0].status", equalTo("delivered"))
                        .body("items[0].lastStatusCode", equalTo(204)));
    }

    @Test
    void retriesWithBackoffUntilTheReceiverAnswers() throws Exception {
        var buyer = Api.newClient("Retry Buyer", "orders:write", "webhooks:manage");
        String sku = Catalog.stocked("RETRY", "1.00", 10);
        String subscription = Api.as(buyer.token())
                .body(Map.of("url", url(), "eventTypes", List.of("order.created")))
                .post("/v1/webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        failuresToAnswer.set(2);
        String order = Api.as(buyer.token())
                .body(Orders.order(null, sku, 1))
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        await(() -> received.stream()
                .filter(r -> r.body().contains(order))
                .findFirst()
                .orElse(null));
        Awaitility.await()
                .atMost(WAIT)
                .untilAsserted(() -> Api.as(buyer.token())
                        .get("/v1/webhooks/" + subscription + "/deliveries")
                        .then()
                        .statusCode(200)
                        .body("items[0].status", equalTo("delivered"))
                        .body("items[0].attempts", equalTo(3)));
    }

    @Test
    void deliversTheEventsOfOneOrderInTheOrderTheyHappenedEvenWhenAnEarlierOneIsRetried() throws Exception {
        var buyer = Api.newClient("Ordered Buyer", "orders:write", "webhooks:manage");
        String sku = Catalog.stocked("INORDER", "1.00", 10);
        Api.as(buyer.token())
                .body(Map.of("url", url(), "eventTypes", List.of("order.created", "order.status_changed")))
                .post("/v1/webhooks")
                .then()
                .statusCode(201);
        createdFailuresToAnswer.set(2); // order.created needs two retries; the changes after it must wait
        String order = Api.as(buyer.token())
                .body(Orders.order(null, sku, 1))
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        for (String status : List.of("processing", "shipped")) {
            Api.asOperator()
                    .body(Map.of("status", status))
                    .post("/v1/orders/" + order + "/status")
                    .then()
                    .statusCode(200);
        }

        await(() -> received.stream()
                                .filter(r ->
                                        order.equals(JsonPath.from(r.body()).getString("subject")))
                                .count()
                        == 3
                ? Boolean.TRUE
                : null);
        List<String> statuses = received.stream()
                .map(r -> JsonPath.from(r.body()))
                .filter(e -> order.equals(e.getString("subject")))
                .map(e -> e.getString("type") + ":" + e.getString("data.status"))
                .toList();
        assertThat(statuses)
                .containsExactly(
                        "order.created:pending", "order.status_changed:processing", "order.status_changed:shipped");
    }

    @Test
    void subscriptionsBelongToTheirClient() {
        var owner = Api.newClient("Hook Owner", "webhooks:manage");
        var other = Api.newClient("Hook Snoop", "webhooks:manage");
        String id = Api.as(owner.token())
                .body(Map.of("url", url(), "eventTypes", List.of("inventory.stock_changed")))
                .post("/v1/webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Api.as(other.token()).get("/v1/webhooks/" + id).then().statusCode(404);
        Api.as(other.token()).get("/v1/webhooks/" + id + "/deliveries").then().statusCode(404);
        Api.as(other.token()).delete("/v1/webhooks/" + id).then().statusCode(404);
        Api.as(owner.token()).delete("/v1/webhooks/" + id).then().statusCode(204);
        Api.as(owner.token()).get("/v1/webhooks/" + id).then().statusCode(404);
        var reader = Api.newClient("Hook Reader", "orders:read");
        Api.as(reader.token()).get("/v1/webhooks").then().statusCode(403);
    }

    @Test
    void refusesBadTargetsAndEventTypes() {
        var c = Api.newClient("Hook Validator", "webhooks:manage");
        Api.as(c.token())
                .body(Map.of("url", "ftp://127.0.0.1/x", "eventTypes", List.of("order.created")))
                .post("/v1/webhooks")
                .then()
                .statusCode(400)
                .body("errors[0].pointer", equalTo("/url"))
                .body("errors[0].code", equalTo("forbidden_target"));
        Api.as(c.token())
                .body(Map.of("url", url(), "eventTypes", List.of("order.exploded")))
                .post("/v1/webhooks")
                .then()
                .statusCode(400)
                .body("errors[0].pointer", equalTo("/eventTypes/0"));
        Api.as(c.token()).body(Map.of("url", url())).post("/v1/webhooks").then().statusCode(400);
        Api.asOperator()
                .body(Map.of("url", url(), "eventTypes", List.of("order.created")))
                .post("/v1/webhooks")
                .then()
                .statusCode(403);
    }

    /** What {@code probe} finds once it finds something; generous, for a busy machine. */
    private static <T> T await(java.util.function.Supplier<T> probe) {
        return Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(probe::get, value -> value != null);
    }
}
