package orders.internal.domain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** The order counters of SPEC §6 on {@code /q/metrics}: orders accepted, and rejected by problem code. */
@ApplicationScoped
public class OrderMetrics {

    private final MeterRegistry registry;
    private final Counter accepted;

    OrderMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("quartermaster.orders.accepted")
                .description("orders placed")
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
}
