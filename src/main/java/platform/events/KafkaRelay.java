package platform.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Relays the outbox to Kafka, through a SmallRye Reactive Messaging channel ({@code outbox}), as
 * CloudEvents 1.0 structured JSON: topic from the row, key = subject (order
 * id or SKU). One relay at a time across instances (an advisory lock per batch); rows in insertion
 * order, which for one key is commit order; a batch is marked published only after the broker
 * acknowledged every record (the channel's ack comes after the broker's, acks=all, idempotent producer), so nothing is lost when Kafka or the
 * application stops, and a crash between send and mark only sends again. Without
 * {@code kafka.bootstrap.servers} it stays off and the rows wait.
 */
@ApplicationScoped
public class KafkaRelay {

    private static final Logger LOG = Logger.getLogger(KafkaRelay.class);
    private static final int BATCH = 500;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AgroalDataSource dataSource;
    private final Optional<String> bootstrap;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private volatile String lastFailure;
    private volatile long lastFailureAt;
    private final jakarta.enterprise.inject.Instance<OutboxChannel> channel;
    private Emitter<String> emitter;
    private Thread thread;

    KafkaRelay(
            AgroalDataSource dataSource,
            @ConfigProperty(name = "kafka.bootstrap.servers") Optional<String> bootstrap,
            jakarta.enterprise.inject.Instance<OutboxChannel> channel) {
        this.dataSource = dataSource;
        this.bootstrap = bootstrap.filter(s -> !s.isBlank());
        this.channel = channel;
    }

    /** Starts last: the messaging graph must be wired before the channel is looked up. */
    /** The outbox lag on /q/metrics: rows waiting for Kafka. */
    void gauge(@Observes StartupEvent event, io.micrometer.core.instrument.MeterRegistry registry) {
        io.micrometer.core.instrument.Gauge.builder("quartermaster.outbox.lag", this, relay -> {
                    try {
                        return relay.lag();
                    } catch (SQLException e) {
                        return Double.NaN;
                    }
                })
                .description("outbox rows not yet acknowledged by Kafka")
                .register(registry);
    }

    void start(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.PLATFORM_AFTER + 1000) StartupEvent event) {
        if (bootstrap.isEmpty()) {
            LOG.info("No kafka.bootstrap.servers: the outbox relay is off and events wait in platform.outbox");
            return;
        }
        emitter = channel.get().emitter();
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** A commit anywhere wakes the relay at once instead of at its next look. */
    void onCommitted(@Observes OutboxCommitted committed) {
        if (running) {
            wake.release();
        }
    }

    /** Whether Kafka is configured, so the relay runs. */
    public boolean enabled() {
        return bootstrap.isPresent();
    }

    /** The last failure to reach Kafka within {@code withinMillis}, if any. */
    public Optional<String> recentFailure(long withinMillis) {
        return lastFailure != null && System.currentTimeMillis() - lastFailureAt < withinMillis
                ? Optional.of(lastFailure)
                : Optional.empty();
    }

    /** Rows not yet acknowledged by Kafka. */
    public long lag() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT count(*) FROM platform.outbox WHERE published_at IS NULL");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void loop() {
        while (running) {
            try {
                int sent;
                do {
                    sent = QuarkusTransaction.requiringNew().call(this::relayBatch);
                } while (sent == BATCH && running);
                wake.tryAcquire(1, TimeUnit.SECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                lastFailure = e.getMessage();
                lastFailureAt = System.currentTimeMillis();
                LOG.warnf("outbox relay paused: %s", e.getMessage());
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private int relayBatch() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement lock =
                            c.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext('platform.outbox.relay'))");
                    ResultSet rs = lock.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return 0; // another instance relays now
                }
            }
            List<Long> seqs = new ArrayList<>();
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT seq, id, source, type, subject, topic, tenant_id, time, data::text FROM platform.outbox
                     WHERE published_at IS NULL ORDER BY seq LIMIT ?""")) {
                ps.setInt(1, BATCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ObjectNode event = MAPPER.createObjectNode();
                        event.put("specversion", "1.0");
                        event.put("id", rs.getObject(2, UUID.class).toString());
                        event.put("source", rs.getString(3));
                        event.put("type", rs.getString(4));
                        event.put("subject", rs.getString(5));
                        event.put(
                                "time",
                                rs.getObject(8, OffsetDateTime.class)
                                        .toInstant()
                                        .toString());
                        event.put("datacontenttype", "application/json");
                        UUID tenant = rs.getObject(7, UUID.class);
                        if (tenant != null) {
                            event.put("tenantid", tenant.toString());
                        }
                        event.set("data", MAPPER.readTree(rs.getString(9)));
                        RecordHeaders headers = new RecordHeaders();
                        headers.add(
                                "content-type",
                                "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
                        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                                .withTopic(rs.getString(6))
                                .withKey(rs.getString(5))
                                .withHeaders(headers)
                                .build();
                        CompletableFuture<Void> ack = new CompletableFuture<>();
                        emitter.send(Message.of(event.toString())
                                .addMetadata(metadata)
                                .withAck(() -> {
                                    ack.complete(null);
                                    return CompletableFuture.completedFuture(null);
                                })
                                .withNack(failure -> {
                                    ack.completeExceptionally(failure);
                                    return CompletableFuture.completedFuture(null);
                                }));
                        acks.add(ack);
                        seqs.add(rs.getLong(1));
                    }
                }
            }
            for (CompletableFuture<Void> ack : acks) {
                ack.get(20, TimeUnit.SECONDS); // every record acknowledged, or the batch is not marked
            }
            if (!seqs.isEmpty()) {
                try (PreparedStatement ps =
                        c.prepareStatement("UPDATE platform.outbox SET published_at = now() WHERE seq = ANY(?)")) {
                    ps.setArray(1, c.createArrayOf("bigint", seqs.toArray()));
                    ps.executeUpdate();
                }
            }
            return seqs.size();
        }
    }
}
