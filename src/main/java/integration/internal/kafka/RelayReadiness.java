package integration.internal.kafka;

import integration.internal.outbox.OutboxRepository;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the way out: the outbox lag and, when Kafka is configured, the relay's last failure. An
 * instance whose relay cannot reach Kafka, or that lets too many events wait, is not ready.
 */
@Readiness
@ApplicationScoped
public class RelayReadiness implements HealthCheck {

    /** Limits of the Kafka relay. */
    @ConfigMapping(prefix = "quartermaster.relay")
    public interface RelayConfig {

        /**
         * More events than this waiting for Kafka make the instance not ready; the lag is counted up to
         * this plus one (readiness and the {@code quartermaster.outbox.lag} gauge).
         */
        @WithDefault("100000")
        long maxLag();

        /**
         * How long the relay waits for Kafka to acknowledge a batch before it drops its producer and sends
         * the batch again, from its first row, through a new one.
         */
        @WithDefault("30S")
        java.time.Duration ackTimeout();
    }

    private final OutboxRepository outbox;
    private final KafkaRelay relay;
    private final RelayConfig config;

    RelayReadiness(OutboxRepository outbox, KafkaRelay relay, RelayConfig config) {
        this.outbox = outbox;
        this.relay = relay;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        OutboxRepository.Waiting waiting;
        try {
            waiting = outbox.waiting(config.maxLag() + 1);
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("Outbox")
                    .down()
                    .withData("error", "cannot read the outbox")
                    .build();
        }
        var failure = relay.recentFailure(30_000);
        boolean up = !relay.enabled() || (waiting.rows() <= config.maxLag() && failure.isEmpty());
        var builder = HealthCheckResponse.named("Outbox and Kafka relay")
                .status(up)
                .withData("relay", relay.enabled() ? "on" : "off (no kafka.bootstrap.servers; events wait)")
                .withData("waiting", waiting.rows())
                .withData("oldestWaitingSeconds", waiting.oldestSeconds());
        failure.ifPresent(f -> builder.withData("kafka", "unreachable: " + f));
        return builder.build();
    }
}
