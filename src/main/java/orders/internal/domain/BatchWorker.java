package orders.internal.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import operations.BackgroundLoop;
import operations.EventSpans;
import orders.OrderView;
import org.jboss.logging.Logger;
import platform.db.DatabaseBootstrap;
import platform.error.DomainException;
import platform.error.ErrorCode;
import platform.web.Problem;

/**
 * Works off the batch queue. Each order is claimed with {@code FOR UPDATE SKIP LOCKED} in the same
 * transaction that places it and marks it created, so several workers on several instances share the
 * queue without placing an order twice, and an instance that dies mid-order leaves it queued for the
 * next. A refused order is recorded, with the problem the synchronous endpoint would have answered,
 * in a transaction of its own after the refused one rolled back.
 */
@ApplicationScoped
public class BatchWorker {

    private static final Logger LOG = Logger.getLogger(BatchWorker.class);
    private static final int MAX_UNEXPECTED_ATTEMPTS = 5;

    private final BatchRepository batches;
    private final OrderRequestParser parser;
    private final OrderPlacement placement;
    private final OrdersConfig config;
    private final ObjectMapper json;
    private final TenantScopeRepository scope;
    private final OrderMetrics metrics;
    private final EventSpans spans;
    private final Workers loop = new Workers();

    BatchWorker(
            BatchRepository batches,
            OrderRequestParser parser,
            OrderPlacement placement,
            OrdersConfig config,
            ObjectMapper json,
            TenantScopeRepository scope,
            OrderMetrics metrics,
            EventSpans spans) {
        this.spans = spans;
        this.scope = scope;
        this.metrics = metrics;
        this.batches = batches;
        this.parser = parser;
        this.placement = placement;
        this.config = config;
        this.json = json;
    }

    private record Attempt(BatchRepository.Item item, DomainException refusal) {}

    /** Carries a refusal out of the rolled-back transaction. */
    private static final class Refused extends RuntimeException {
        private final transient Attempt attempt;

        Refused(Attempt attempt) {
            super(null, null, false, false);
            this.attempt = attempt;
        }
    }

    void start(@Observes @Priority(DatabaseBootstrap.PRIORITY + 100) StartupEvent event) {
        loop.begin(config.batchWorkers());
    }

    void stop(@Observes ShutdownEvent event) {
        loop.end();
    }

    /** The workers: each takes the next queued order, and rests for the poll interval when there is none. */
    private final class Workers extends BackgroundLoop {

        Workers() {
            super("batch-worker");
        }

        void begin(int threads) {
            startLoop(threads);
        }

        void end() {
            stopLoop();
        }

        @Override
        protected boolean round() {
            return processOne();
        }

        @Override
        protected Duration idle() {
            return config.batchPollInterval();
        }

        @Override
        protected Duration backoff() {
            return config.batchPollInterval();
        }

        @Override
        protected Duration stopGrace() {
            return config.batchStopGrace();
        }

        @Override
        protected void failed(Exception e) {
            LOG.warnf(e, "batch worker failed; retrying shortly");
        }
    }

    /** Places (or refuses) the next queued order; false when the queue is empty. */
    public boolean processOne() {
        Attempt attempt;
        BatchRepository.Item[] claimed = new BatchRepository.Item[1];
        try {
            attempt = QuarkusTransaction.requiringNew().call(() -> {
                BatchRepository.Item item = claimNext();
                if (item == null) {
                    return null;
                }
                claimed[0] = item;
                // the submitting request's trace goes on here, and into the order's events
                Optional<Span> span = spans.start(item.traceparent(), "orders.batch place", SpanKind.INTERNAL);
                try (Scope current = span.map(Span::makeCurrent).orElse(Scope.noop())) {
                    NewOrder order = parser.parse(json.readTree(item.payload()));
                    OrderView view = placement.place(item.clientId(), item.actor(), order, Optional.empty());
                    mark(item, "created", view.id(), null, false);
                    return new Attempt(item, null);
                } catch (DomainException refusal) {
                    throw new Refused(new Attempt(item, refusal)); // rolls the order back, keeps the item queued
                } finally {
                    span.ifPresent(Span::end);
                }
            });
        } catch (Refused refused) {
            attempt = refused.attempt;
        } catch (RuntimeException unexpected) {
            if (loop.stopping()) {
                return false; // cut short by shutdown: rolled back, still queued, no attempt counted
            }
            LOG.warnf(unexpected, "a batch order failed unexpectedly");
            if (claimed[0] == null) {
                return false; // could not even claim: the database is probably away; back off
            }
            recordUnexpectedFailure(claimed[0]);
            return true;
        }
        if (attempt == null) {
            return false;
        }
        if (attempt.refusal() == null) {
            metrics.orderAccepted();
        } else {
            metrics.orderRejected(attempt.refusal().code().code());
        }
        if (attempt.refusal() != null) {
            String problem = problem(attempt.refusal());
            BatchRepository.Item refused = attempt.item();
            QuarkusTransaction.requiringNew().run(() -> {
                BatchRepository.Item again = claimOne(refused.batchId(), refused.index());
                if (again != null) {
                    mark(again, "rejected", null, problem, false);
                }
            });
        }
        return true;
    }

    /** Counts an unexpected failure against the item; after a few it is rejected as internal_error. */
    private void recordUnexpectedFailure(BatchRepository.Item failed) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                BatchRepository.Item item = claimOne(failed.batchId(), failed.index());
                if (item == null) {
                    return;
                }
                if (item.attempts() + 1 >= MAX_UNEXPECTED_ATTEMPTS) {
                    mark(
                            item,
                            "rejected",
                            null,
                            problem(new DomainException(ErrorCode.INTERNAL_ERROR, "The order could not be processed")),
                            true);
                } else {
                    mark(item, "queued", null, null, true);
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf(e, "cannot record a batch failure");
        }
    }

    private BatchRepository.Item claimNext() {
        scope.all(); // the queue spans every tenant; placing an order narrows the scope to its client
        return batches.claimNext().orElse(null);
    }

    private BatchRepository.Item claimOne(UUID batchId, int index) {
        scope.all();
        return batches.claim(batchId, index).orElse(null);
    }

    private void mark(BatchRepository.Item item, String status, UUID orderId, String error, boolean countAttempt) {
        batches.mark(item, status, orderId, error, countAttempt);
    }

    private String problem(DomainException e) {
        try {
            return json.writeValueAsString(
                    Problem.of(e.code(), e.getMessage(), "/v1/orders", null, e.errors(), e.extensions()));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
