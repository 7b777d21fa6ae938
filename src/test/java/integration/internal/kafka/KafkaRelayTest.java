package integration.internal.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Catalog;
import testsupport.KafkaBroker;
import testsupport.Orders;

/**
 * The outbox reaches a real Kafka broker: envelope, keys, order per key, and nothing lost while Kafka is down.
 * Stopping the broker leaves the application not ready for a while, so this class has a profile, and thereby
 * an application start and a broker, of its own: no other test sees that readiness.
 */
@QuarkusTest
@TestProfile(KafkaRelayTest.OwnApplication.class)
class KafkaRelayTest {

    /** No overrides: a profile of its own is what makes Quarkus start (and stop) an application for this class. */
    public static class OwnApplication implements QuarkusTestProfile {}

    @Inject
    KafkaRelay relay;

    private static KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of("quartermaster.orders", "quartermaster.stock"));
        return consumer;
    }

    /** Polls until {@code done} holds for what was read (or 120 s pass). */
    private static List<ConsumerRecord<String, String>> read(
            KafkaConsumer<String, String> consumer,
            java.util.function.Predicate<List<ConsumerRecord<String, String>>> done) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && !done.test(records)) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    @Test
    void ordersAndStockChangesArriveAsCloudEventsKeyedAndInOrder() {
        var buyer = Api.newClient("Kafka Buyer", "orders:write");
        String sku = Catalog.stocked("KAFKA", "1.00", 10);
        String order = Api.as(buyer.token())
                .body(Orders.order(null, sku, 3))
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<ConsumerRecord<String, String>> records = read(
                    consumer,
                    rs -> rs.stream().filter(r -> sku.equals(r.key())).count() >= 2
                            && rs.stream().anyMatch(r -> order.equals(r.key())));
            ConsumerRecord<String, String> created = records.stream()
                    .filter(r -> order.equals(r.key()))
                    .findFirst()
                    .orElseThrow();
            assertThat(created.topic()).isEqualTo("quartermaster.orders");
            JsonPath event = JsonPath.from(created.value());
            assertThat(event.getString("specversion")).isEqualTo("1.0");
            assertThat(event.getString("type")).isEqualTo("order.created");
            assertThat(event.getString("source")).isEqualTo("/orders");
            assertThat(event.getString("subject")).isEqualTo(order);
            assertThat(event.getString("tenantid")).isEqualTo(buyer.id().toString());
            assertThat(event.getString("data.status")).isEqualTo("pending");
            assertThat(new String(created.headers().lastHeader("content-type").value()))
                    .startsWith("application/cloudevents+json");

            List<Long> versions = records.stream()
                    .filter(r -> sku.equals(r.key()))
                    .peek(r -> assertThat(r.topic()).isEqualTo("quartermaster.stock"))
                    .map(r -> JsonPath.from(r.value()).getLong("data.version"))
                    .toList();
            assertThat(versions).isSorted().doesNotHaveDuplicates();
            assertThat(JsonPath.from(records.stream()
                                    .filter(r -> sku.equals(r.key()))
                                    .reduce((a, b) -> b)
                                    .orElseThrow()
                                    .value())
                            .getLong("data.reserved"))
                    .isEqualTo(3);
        }
    }

    @Test
    void carriesTheTraceContextAsTheTraceparentHeaderAndExtension() {
        String sku = Catalog.stocked("KTRACE", "1.00", 1);
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        Api.asOperator()
                .header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")
                .body(Map.of("adjustments", List.of(Map.of("sku", sku, "delta", 1, "reason", "restock"))))
                .post("/v1/inventory/adjustments")
                .then()
                .statusCode(200);
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<ConsumerRecord<String, String>> records = read(
                    consumer, rs -> rs.stream().filter(r -> sku.equals(r.key())).count() >= 2);
            List<ConsumerRecord<String, String>> ofSku =
                    records.stream().filter(r -> sku.equals(r.key())).toList();
            ConsumerRecord<String, String> traced = ofSku.get(ofSku.size() - 1);
            String stored = JsonPath.from(traced.value()).getString("traceparent");
            String header =
                    new String(traced.headers().lastHeader("traceparent").value());
            // the value keeps the context the event was written under; the header is the relay's publish span
            assertThat(stored).matches("00-" + traceId + "-[0-9a-f]{16}-01");
            assertThat(header).matches("00-" + traceId + "-[0-9a-f]{16}-01").isNotEqualTo(stored);
            assertThat(JsonPath.from(ofSku.get(0).value()).getString("traceparent"))
                    .doesNotContain(traceId);
        }
    }

    @Test
    void eventsWaitWhileKafkaIsDownAndNoneIsLost() throws Exception {
        String sku = Catalog.stocked("KDOWN", "1.00", 1);
        try (KafkaConsumer<String, String> consumer = consumer()) {
            read(consumer, rs -> rs.stream().anyMatch(r -> sku.equals(r.key())));
            KafkaBroker.stopBroker();
            try {
                long failures = relay.failures();
                for (int i = 0; i < 5; i++) {
                    Catalog.adjust(sku, 1);
                }
                // the relay tried them while Kafka was away, and failed
                await().atMost(Duration.ofSeconds(90)).until(() -> relay.failures() > failures);
            } finally {
                KafkaBroker.startBroker();
            }
            // While Kafka is away a later event's send can outlive the earlier ones that failed and land
            // first; the relay then sends from the oldest unacknowledged event again, in order. What holds:
            // none is lost, and a complete run 2..6 arrives in order.
            List<ConsumerRecord<String, String>> records =
                    read(consumer, rs -> containsRun(versionsOf(sku, rs), List.of(2L, 3L, 4L, 5L, 6L)));
            assertThat(versionsOf(sku, records)).containsSubsequence(2L, 3L, 4L, 5L, 6L);
            // at least once: a record may come twice, but one event id always means one and the same change
            Map<String, List<Long>> versionsById = records.stream()
                    .filter(r -> sku.equals(r.key()))
                    .collect(java.util.stream.Collectors.groupingBy(
                            r -> JsonPath.from(r.value()).getString("id"),
                            java.util.stream.Collectors.mapping(
                                    r -> JsonPath.from(r.value()).getLong("data.version"),
                                    java.util.stream.Collectors.toList())));
            versionsById.values().forEach(v -> assertThat(v.stream().distinct()).hasSize(1));
            assertThat(versionsById).hasSizeGreaterThanOrEqualTo(5);
        }
    }

    private static List<Long> versionsOf(String sku, List<ConsumerRecord<String, String>> records) {
        return records.stream()
                .filter(r -> sku.equals(r.key()))
                .map(r -> JsonPath.from(r.value()).getLong("data.version"))
                .toList();
    }

    /** Whether {@code run} occurs in {@code versions} in order (other versions may come between). */
    private static boolean containsRun(List<Long> versions, List<Long> run) {
        int next = 0;
        for (Long v : versions) {
            if (next < run.size() && run.get(next).equals(v)) {
                next++;
            }
        }
        return next == run.size();
    }
}
