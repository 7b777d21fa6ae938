package integration.internal.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Catalog;
import testsupport.KafkaBroker;
import testsupport.Orders;
import testsupport.RecordedSpans;

/**
 * One trace spans a request and its events' later life: the events written by an order placed under a
 * caller's {@code traceparent} carry that trace in the feed, the webhook and Kafka, and the Kafka
 * relay's publish span and the webhook's delivery span belong to it, children of the stored context.
 */
@QuarkusTest
class EventTracingTest {

    record Received(String traceparent, String body) {}

    @Inject
    RecordedSpans spans;

    private HttpServer receiver;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void listen() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/traced-hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestHeaders().getFirst("traceparent"), body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void close() {
        receiver.stop(0);
    }

    @Test
    void anOrdersEventsCarryTheCallersTraceThroughFeedWebhookAndKafka() {
        var buyer = Api.newClient("Traced Buyer", "orders:read", "orders:write", "webhooks:manage");
        String sku = Catalog.stocked("ETRACE", "1.00", 10);
        Api.as(buyer.token())
                .body(Map.of(
                        "url",
                        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/traced-hook",
                        "eventTypes",
                        List.of("order.created")))
                .post("/v1/webhooks")
                .then()
                .statusCode(201);
        String traceId = randomHex(16);
        String order = Api.as(buyer.token())
                .header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
                .body(Orders.order(null, sku, 2))
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        // the feed: the order's event and the stock change it made carry the caller's trace
        Map<String, Object> created = feedEvent("order.created", order);
        String stored = (String) created.get("traceparent");
        assertThat(stored).matches("00-" + traceId + "-[0-9a-f]{16}-01");
        assertThat(feedEvent("inventory.stock_changed", sku, e -> reserved(e) == 2))
                .extractingByKey("traceparent", org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("00-" + traceId + "-");
        String storedSpan = stored.substring(36, 52);

        // Kafka: the value keeps the stored context, the header is the relay's publish span in the same trace
        ConsumerRecord<String, String> record = kafkaRecord(order);
        assertThat(JsonPath.from(record.value()).getString("traceparent")).isEqualTo(stored);
        String header = new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8);
        assertThat(header).matches("00-" + traceId + "-[0-9a-f]{16}-01");

        // the webhook: the body keeps the stored context, the request header is the delivery's span
        Received delivery = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> received.stream()
                                .filter(r ->
                                        order.equals(JsonPath.from(r.body()).getString("subject")))
                                .findFirst()
                                .orElse(null),
                        r -> r != null);
        assertThat(JsonPath.from(delivery.body()).getString("traceparent")).isEqualTo(stored);
        assertThat(delivery.traceparent()).matches("00-" + traceId + "-[0-9a-f]{16}-01");

        // the relay's and the delivery's spans are in the trace, children of the span that wrote the event
        List<SpanData> trace = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> spans.ofTrace(traceId),
                        t -> t.stream().anyMatch(s -> s.getKind() == SpanKind.PRODUCER)
                                && t.stream()
                                        .anyMatch(s -> s.getKind() == SpanKind.CLIENT && "POST".equals(s.getName())));
        String eventId = (String) created.get("id");
        SpanData publish = trace.stream()
                .filter(s -> s.getKind() == SpanKind.PRODUCER
                        && eventId.equals(s.getAttributes().get(AttributeKey.stringKey("messaging.message.id"))))
                .findFirst()
                .orElseThrow();
        assertThat(publish.getName()).isEqualTo("quartermaster.orders publish");
        assertThat(publish.getParentSpanId()).isEqualTo(storedSpan);
        assertThat(header).contains("-" + publish.getSpanId() + "-");
        SpanData post = trace.stream()
                .filter(s -> s.getKind() == SpanKind.CLIENT
                        && eventId.equals(s.getAttributes().get(AttributeKey.stringKey("messaging.message.id"))))
                .findFirst()
                .orElseThrow();
        assertThat(post.getParentSpanId()).isEqualTo(storedSpan);
        assertThat(post.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                .isEqualTo(204L);
        assertThat(delivery.traceparent()).contains("-" + post.getSpanId() + "-");
        assertThat(trace.stream().filter(s -> s.getSpanId().equals(storedSpan)))
                .as("the span that wrote the event")
                .hasSize(1);
    }

    @Test
    void aBatchOrderContinuesTheTraceOfTheRequestThatSubmittedIt() {
        var buyer = Api.newClient("Traced Batch Buyer", "orders:read", "orders:write");
        String sku = Catalog.stocked("BTRACE", "1.00", 10);
        String traceId = randomHex(16);
        Api.as(buyer.token())
                .header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("orders", List.of(Orders.order("BT-1", sku, 3))))
                .post("/v1/orders/batch")
                .then()
                .statusCode(202);

        Map<String, Object> changed = feedEvent("inventory.stock_changed", sku, e -> reserved(e) == 3);
        assertThat((String) changed.get("traceparent")).startsWith("00-" + traceId + "-");
        List<SpanData> trace = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> spans.ofTrace(traceId),
                        t -> t.stream().anyMatch(s -> "orders.batch place".equals(s.getName())));
        SpanData place = trace.stream()
                .filter(s -> "orders.batch place".equals(s.getName()))
                .findFirst()
                .orElseThrow();
        assertThat((String) changed.get("traceparent")).contains("-" + place.getSpanId() + "-");
        assertThat(trace).anySatisfy(s -> assertThat(s.getKind()).isEqualTo(SpanKind.SERVER));
    }

    private static long reserved(Map<String, Object> event) {
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) event.get("data");
        return ((Number) data.get("reserved")).longValue();
    }

    private static Map<String, Object> feedEvent(String type, String subject) {
        return feedEvent(type, subject, e -> true);
    }

    /** The first event of {@code type} about {@code subject} that matches, from the operator's feed. */
    private static Map<String, Object> feedEvent(
            String type, String subject, java.util.function.Predicate<Map<String, Object>> matching) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            String cursor = null;
                            while (true) {
                                var request = Api.asOperator()
                                        .queryParam("type", type)
                                        .queryParam("limit", 200);
                                if (cursor != null) {
                                    request.queryParam("after", cursor);
                                }
                                Response page = request.get("/v1/events");
                                page.then().statusCode(200);
                                List<Map<String, Object>> items = page.path("items");
                                for (Map<String, Object> e : items) {
                                    if (subject.equals(e.get("subject")) && matching.test(e)) {
                                        return e;
                                    }
                                }
                                if (items.size() < 200) {
                                    return null;
                                }
                                cursor = page.path("nextCursor");
                            }
                        },
                        e -> e != null);
    }

    private static ConsumerRecord<String, String> kafkaRecord(String key) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "trace-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("quartermaster.orders"));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            return await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(300)).forEach(records::add);
                                return records.stream()
                                        .filter(r -> key.equals(r.key()))
                                        .findFirst()
                                        .orElse(null);
                            },
                            r -> r != null);
        }
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1; // never all zero
        return HexFormat.of().formatHex(b);
    }
}
