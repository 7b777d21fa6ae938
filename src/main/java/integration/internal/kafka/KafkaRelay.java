package integration.internal.kafka;

import integration.internal.kafka.RelayReadiness.RelayConfig;
import integration.internal.outbox.CloudEvents;
import integration.internal.outbox.OutboxRecord;
import integration.internal.outbox.OutboxRepository;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import operations.BackgroundLoop;
import operations.EventSpans;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import platform.outbox.OutboxCommitted;

/**
 * Relays the outbox to Kafka as CloudEvents 1.0 structured JSON: topic from the row, key = subject (order
 * id or SKU), the trace context as the {@code traceparent} header. One relay at a time across instances
 * (an advisory lock per batch); rows in insertion order, which for one key is commit order.
 *
 * <p>Per-key order through outages (ADR 0041): the producer is idempotent, with at most 5 requests in
 * flight, and never gives up on a record by itself (no delivery timeout), so what it writes of one
 * partition is always a prefix of what it was given. When a batch is not acknowledged within
 * {@code quartermaster.relay.ack-timeout}, or a send fails, the relay closes the producer at once,
 * discarding whatever it still holds, and the next round sends the batch again from its first row
 * through a new producer. A consumer therefore sees a key's events in order, with at most a repeat of
 * events it already had. A batch is marked published only after every record was acknowledged (acks=all).
 * Without {@code kafka.bootstrap.servers} it stays off, creates no Kafka client, and the rows wait.
 */
@Singleton
public class KafkaRelay extends BackgroundLoop {

    private static final Logger LOG = Logger.getLogger(KafkaRelay.class);
    private static final int BATCH = 500;

    private final OutboxRepository outbox;
    private final CloudEvents envelopes;
    private final Optional<String> bootstrap;
    private final Instance<Map<String, Object>> kafkaDefaults;
    private final EventSpans spans;
    private final RelayConfig config;
    private final AtomicLong failures = new AtomicLong();
    private volatile String lastFailure;
    private volatile long lastFailureAt;
    private Producer<String, String> producer; // used by the relay's one thread only

    KafkaRelay(
            OutboxRepository outbox,
            CloudEvents envelopes,
            @ConfigProperty(name = "kafka.bootstrap.servers") Optional<String> bootstrap,
            @Identifier("default-kafka-broker") Instance<Map<String, Object>> kafkaDefaults,
            EventSpans spans,
            RelayConfig config) {
        super("outbox-relay");
        this.outbox = outbox;
        this.envelopes = envelopes;
        this.bootstrap = bootstrap.filter(s -> !s.isBlank());
        this.kafkaDefaults = kafkaDefaults;
        this.spans = spans;
        this.config = config;
    }

    /** The outbox lag on /q/metrics: rows waiting for Kafka, counted up to the readiness limit plus one. */
    void gauge(@Observes StartupEvent event, MeterRegistry registry) {
        Gauge.builder("quartermaster.outbox.lag", this, relay -> {
                    try {
                        return relay.outbox.waiting(relay.config.maxLag() + 1).rows();
                    } catch (RuntimeException e) {
                        return Double.NaN;
                    }
                })
                .description("outbox rows not yet acknowledged by Kafka")
                .register(registry);
        FunctionCounter.builder("quartermaster.outbox.relay.failures", failures, AtomicLong::get)
                .description("relay rounds that failed (Kafka unreachable or a record refused) since start")
                .register(registry);
    }

    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 1000) StartupEvent event) {
        if (bootstrap.isEmpty()) {
            LOG.info("No kafka.bootstrap.servers: the outbox relay is off and events wait in platform.outbox");
            return;
        }
        startLoop(1);
    }

    void stop(@Observes ShutdownEvent event) {
        stopLoop();
        closeProducer(Duration.ofSeconds(5));
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

    /** How many relay rounds failed since start (Kafka unreachable or a record refused). */
    public long failures() {
        return failures.get();
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
        failures.incrementAndGet();
        lastFailure = String.valueOf(e.getMessage());
        lastFailureAt = System.currentTimeMillis();
        LOG.warnf("outbox relay paused: %s", e.getMessage());
    }

    private int relayBatch() throws Exception {
        if (!outbox.tryRelayLock()) {
            return 0; // another instance relays now
        }
        List<OutboxRecord> rows = outbox.unpublished(BATCH);
        if (rows.isEmpty()) {
            return 0;
        }
        try {
            Producer<String, String> p = producer();
            List<CompletableFuture<Void>> acks = new ArrayList<>(rows.size());
            for (OutboxRecord row : rows) {
                CompletableFuture<Void> ack = send(p, row);
                if (ack.isCompletedExceptionally()) {
                    ack.join(); // refused at once (no metadata in time): nothing after it may go out
                }
                acks.add(ack);
            }
            long deadline = System.nanoTime() + config.ackTimeout().toNanos();
            for (CompletableFuture<Void> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (Exception e) {
            // whatever this producer still holds must not reach Kafka after the records the next one sends
            closeProducer(Duration.ZERO);
            throw e;
        }
        outbox.markPublished(rows.stream().map(OutboxRecord::seq).toList());
        return rows.size();
    }

    private CompletableFuture<Void> send(Producer<String, String> p, OutboxRecord row) {
        Optional<Span> span = spans.start(row.traceparent(), row.topic() + " publish", SpanKind.PRODUCER);
        span.ifPresent(s -> s.setAttribute(AttributeKey.stringKey("messaging.system"), "kafka")
                .setAttribute(AttributeKey.stringKey("messaging.destination.name"), row.topic())
                .setAttribute(
                        AttributeKey.stringKey("messaging.message.id"), row.id().toString()));
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", CloudEvents.MEDIA_TYPE.getBytes(StandardCharsets.UTF_8));
        String traceparent = span.map(EventSpans::traceparent).orElse(row.traceparent());
        if (traceparent != null) {
            headers.add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        }
        CompletableFuture<Void> ack = new CompletableFuture<>();
        try {
            p.send(
                    new ProducerRecord<>(row.topic(), null, row.subject(), envelopes.json(row), headers),
                    (metadata, failure) -> {
                        span.ifPresent(s -> end(s, failure));
                        if (failure == null) {
                            ack.complete(null);
                        } else {
                            ack.completeExceptionally(failure);
                        }
                    });
        } catch (RuntimeException e) {
            span.ifPresent(s -> end(s, e));
            throw e;
        }
        return ack;
    }

    private static void end(Span span, Throwable failure) {
        if (failure != null) {
            span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
        }
        span.end();
    }

    private Producer<String, String> producer() {
        if (producer == null) {
            Map<String, Object> settings = new HashMap<>();
            if (kafkaDefaults.isResolvable()) {
                settings.putAll(
                        kafkaDefaults.get()); // kafka.* settings (security, TLS), as the Kafka extension reads them
            }
            settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap.orElseThrow());
            settings.put(ProducerConfig.CLIENT_ID_CONFIG, "quartermaster-outbox-relay");
            settings.put(ProducerConfig.ACKS_CONFIG, "all");
            settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
            settings.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
            // never expire a record: an expired one would be resent after later ones of its key
            settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
            settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
            settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
            producer = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    private void closeProducer(Duration wait) {
        Producer<String, String> p = producer;
        producer = null;
        if (p != null) {
            try {
                p.close(wait);
            } catch (RuntimeException e) {
                LOG.debugf("closing the Kafka producer: %s", e.getMessage());
            }
        }
    }
}
