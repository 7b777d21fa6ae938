package orders.internal.domain;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The batch queue depth on {@code /q/metrics}: orders of every tenant's batches still waiting for a worker,
 * read from the database at each scrape (the queue is shared by every instance).
 */
@ApplicationScoped
class BatchQueueGauge {

    private final BatchRepository batches;
    private final TenantScopeRepository scope;

    BatchQueueGauge(BatchRepository batches, TenantScopeRepository scope) {
        this.batches = batches;
        this.scope = scope;
    }

    void register(@Observes StartupEvent event, MeterRegistry registry) {
        Gauge.builder("quartermaster.batch.queue.depth", this, BatchQueueGauge::depth)
                .description("batch orders queued and not yet placed or refused, all instances")
                .register(registry);
    }

    private double depth() {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                scope.all();
                return batches.queued();
            });
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
