package orders.internal.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Deletes idempotency keys past their 24 hours, a few thousand at a time, every few minutes. */
@ApplicationScoped
public class IdempotencyJanitor {

    private static final Logger LOG = Logger.getLogger(IdempotencyJanitor.class);

    private final IdempotencyRepository keys;
    private final TenantScopeRepository scope;

    IdempotencyJanitor(IdempotencyRepository keys, TenantScopeRepository scope) {
        this.keys = keys;
        this.scope = scope;
    }

    @Scheduled(
            identity = "idempotency-janitor",
            every = "5m",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purgeInBackground() {
        purge();
    }

    /** Removes expired keys; returns how many. */
    public int purge() {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                scope.all();
                return keys.purgeExpired(5000);
            });
        } catch (RuntimeException e) {
            LOG.warnf(e, "cannot purge expired idempotency keys");
            return 0;
        }
    }
}
