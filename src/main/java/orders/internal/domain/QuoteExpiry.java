package orders.internal.domain;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Expires open quotes past their time and releases their holds. Runs on every instance; {@code FOR UPDATE
 * SKIP LOCKED} hands each due quote to exactly one transaction, and a run that dies rolls back whole, so
 * the next run (here or elsewhere) picks the same quotes up again: every hold is released exactly once.
 */
@ApplicationScoped
public class QuoteExpiry {

    private static final Logger LOG = Logger.getLogger(QuoteExpiry.class);

    private final QuoteService quotes;
    private final OrdersConfig config;

    QuoteExpiry(QuoteService quotes, OrdersConfig config) {
        this.quotes = quotes;
        this.config = config;
    }

    @Scheduled(
            identity = "quote-expiry",
            every = "${quartermaster.orders.quote-expiry-interval:30s}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void expireInBackground() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warnf(e, "cannot expire quotes");
        }
    }

    /** Expires every due quote, batch by batch; returns how many. */
    public int runOnce() {
        int total = 0;
        int done;
        do {
            done = quotes.expireDue(Instant.now(), config.quoteExpiryBatch());
            total += done;
        } while (done == config.quoteExpiryBatch());
        return total;
    }
}
