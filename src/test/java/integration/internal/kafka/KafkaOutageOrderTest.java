package integration.internal.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import testsupport.Catalog;
import testsupport.Db;
import testsupport.FreshDatabase;
import testsupport.KafkaBroker;

/**
 * Per-key order survives a Kafka outage longer than the producer's timeouts: a real consumer sees each
 * key's events in increasing version order, without gaps; at least once may only repeat what it has
 * already seen, from some point on, and then go on from there. The broker is this profile's own, so
 * stopping it for long disturbs no other test.
 */
@QuarkusTest
@TestProfile(KafkaOutageOrderTest.OwnBroker.class)
class KafkaOutageOrderTest {

    /** A database and a Kafka broker of this test's own (no global test resources). */
    public static class OwnBroker implements QuarkusTestProfile {
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public java.util.Map<String, String> getConfigOverrides() {
            return java.util.Map.of("quartermaster.relay.ack-timeout", "10S");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FreshDatabase.class), new TestResourceEntry(KafkaBroker.class));
        }
    }

    @Inject
    KafkaRelay relay;

    @Test
    void aKeysEventsStayInOrderThroughAnOutageLongerThanTheProducerTimeouts() throws Exception {
        String sku = Catalog.stocked("KORDER", "1.00", 1);
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<Long> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                poll(consumer, sku, seen);
                return seen.contains(1L);
            });
            KafkaBroker.stopBroker();
            try {
                long failures = relay.failures();
                Catalog.adjust(sku, 1);
                Catalog.adjust(sku, 1);
                // the relay has handed these to the producer and given up on them at least once
                await().atMost(Duration.ofSeconds(90)).until(() -> relay.failures() > failures);
                long later = relay.failures();
                for (int i = 0; i < 4; i++) {
                    Catalog.adjust(sku, 1);
                }
                await().atMost(Duration.ofSeconds(90)).until(() -> relay.failures() > later);
            } finally {
                KafkaBroker.startBroker();
            }
            long last = 7;
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                poll(consumer, sku, seen);
                return seen.contains(last) && allPublished(sku);
            });
            // whatever the producer still retries arrives within its timeouts after the broker is back
            long quietUntil = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < quietUntil) {
                poll(consumer, sku, seen);
            }
            assertInOrderWithoutGaps(seen, 1, last);
        }
    }

    /** Each next version is the one after, or a restart at one already seen; all arrive; the last is the newest. */
    static void assertInOrderWithoutGaps(List<Long> seen, long first, long last) {
        assertThat(seen).as("versions seen").isNotEmpty().startsWith(first);
        for (int i = 1; i < seen.size(); i++) {
            long previous = seen.get(i - 1);
            long next = seen.get(i);
            assertThat(next).as("after %d came %d in %s", previous, next, seen).isLessThanOrEqualTo(previous + 1);
        }
        assertThat(seen.get(seen.size() - 1))
                .as("the last version seen, in %s", seen)
                .isEqualTo(last);
        for (long v = first; v <= last; v++) {
            assertThat(seen).as("versions seen").contains(v);
        }
    }

    private static void poll(KafkaConsumer<String, String> consumer, String sku, List<Long> seen) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
            if (sku.equals(r.key())) {
                seen.add(JsonPath.from(r.value()).getLong("data.version"));
            }
        }
    }

    private static boolean allPublished(String sku) throws Exception {
        try (Connection c = Db.superuser();
                PreparedStatement s = c.prepareStatement(
                        "SELECT count(*) FROM platform.outbox WHERE subject = ? AND published_at IS NULL")) {
            s.setString(1, sku);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 0;
            }
        }
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "order-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of("quartermaster.stock"));
        return consumer;
    }
}
