package integration.internal.kafka;

import integration.internal.outbox.CloudEvents;
import integration.internal.outbox.OutboxRecord;
import integration.internal.outbox.OutboxRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import platform.outbox.OutboxCommitted;
import platform.work.BackgroundLoop;

/**
 * Relays the outbox to Kafka, through a SmallRye Reactive Messaging channel ({@code outbox}), as
 * CloudEvents 1.0 structured JSON: topic from the row, key = subject (order id or SKU), the trace
 * context as the {@code traceparent} header when known. One relay at a time across instances (an
 * advisory lock per batch); rows in insertion order, which for one key is commit order; a batch is
 * marked published only after the broker acknowledged every record (the channel's ack comes after the
 * broker's, acks=all, idempotent producer), so nothing is lost when Kafka or the application stops, and
 * a crash between send and mark only sends again. Without {@code kafka.bootstrap.servers} it stays off
 * and the rows wait.
 */
@Singleton
public class KafkaRelay extends BackgroundLoop {

    private static final Logger LOG = Logger.getLogger(KafkaRelay.class);
    private static final int BATCH = 500;

    private final OutboxRepository outbox;
    private final CloudEvents envelopes;
    private final Optional<String> bootstrap;
    private final Instance<OutboxChannel> channel;
    private volatile String lastFailure;
    private volatile long lastFailureAt;
    private Emitter<String> emitter;

    KafkaRelay(
            OutboxRepository outbox,
            CloudEvents envelopes,
            @ConfigProperty(name = "kafka.bootstrap.servers") Optional<String> bootstrap,
            Instance<OutboxChannel> channel) {
        super("outbox-relay");
        this.outbox = outbox;
        this.envelopes = envelopes;
        this.bootstrap = bootstrap.filter(s -> !s.isBlank());
        this.channel = channel;
    }

    /** The outbox lag on /q/metrics: rows waiting for Kafka. */
    void gauge(@Observes StartupEvent event, MeterRegistry registry) {
        Gauge.builder("quartermaster.outbox.lag", this, relay -> {
                    try {
                        return relay.outbox.waiting().rows();
                    } catch (RuntimeException e) {
                        return Double.NaN;
                    }
                })
                .description("outbox rows not yet acknowledged by Kafka")
                .register(registry);
    }

    /** Starts last: the messaging graph must be wired before the channel is looked up. */
    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 1000) StartupEvent event) {
        if (bootstrap.isEmpty()) {
            LOG.info("No kafka.bootstrap.servers: the outbox relay is off and events wait in platform.outbox");
            return;
        }
        emitter = channel.get().emitter();
        startLoop(1);
    }

    void stop(@Observes ShutdownEvent event) {
        stopLoop();
    }

    /** A commit anywhere wakes the relay at once instead of at its next look. */
    void onCommitted(@Observes OutboxCommitted committed) {
        wake();
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

    @Override
    protected boolean round() {
        return QuarkusTransaction.requiringNew().call(this::relayBatch) == BATCH;
    }

    @Override
    protected Duration backoff() {
        return Duration.ofSeconds(2);
    }

    @Override
    protected void failed(Exception e) {
        lastFailure = e.getMessage();
        lastFailureAt = System.currentTimeMillis();
        LOG.warnf("outbox relay paused: %s", e.getMessage());
    }

    private int relayBatch() throws Exception {
        if (!outbox.tryRelayLock()) {
            return 0; // another instance relays now
        }
        List<OutboxRecord> rows = outbox.unpublished(BATCH);
        List<CompletableFuture<Void>> acks = new ArrayList<>(rows.size());
        for (OutboxRecord row : rows) {
            acks.add(send(row));
        }
        for (CompletableFuture<Void> ack : acks) {
            ack.get(20, TimeUnit.SECONDS); // every record acknowledged, or the batch is not marked
        }
        outbox.markPublished(rows.stream().map(OutboxRecord::seq).toList());
        return rows.size();
    }

    private CompletableFuture<Void> send(OutboxRecord row) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", CloudEvents.MEDIA_TYPE.getBytes(StandardCharsets.UTF_8));
        if (row.traceparent() != null) {
            headers.add("traceparent", row.traceparent().getBytes(StandardCharsets.UTF_8));
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic())
                .withKey(row.subject())
                .withHeaders(headers)
                .build();
        CompletableFuture<Void> ack = new CompletableFuture<>();
        emitter.send(Message.of(envelopes.json(row))
                .addMetadata(metadata)
                .withAck(() -> {
                    ack.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    ack.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return ack;
    }
}
