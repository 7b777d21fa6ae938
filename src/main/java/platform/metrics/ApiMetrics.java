package platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The business counters of SPEC §6 on {@code /q/metrics}: orders accepted and rejected (by code),
 * reservation conflicts and rate-limit refusals. The outbox lag is a gauge of the relay.
 */
@ApplicationScoped
public class ApiMetrics {

    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter conflicts;
    private final Counter rateLimited;

    ApiMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("quartermaster.orders.accepted")
                .description("orders placed")
                .register(registry);
        this.conflicts = Counter.builder("quartermaster.reservation.conflicts")
                .description("reservations refused for short stock")
                .register(registry);
        this.rateLimited = Counter.builder("quartermaster.rate_limit.refusals")
                .description("requests refused by a rate limit")
                .register(registry);
    }

    public void orderAccepted() {
        accepted.increment();
    }

    public void orderRejected(String code) {
        Counter.builder("quartermaster.orders.rejected")
                .description("orders refused, by problem code")
                .tag("code", code)
                .register(registry)
                .increment();
    }

    public void reservationConflict() {
        conflicts.increment();
    }

    public void rateLimited() {
        rateLimited.increment();
    }
}
