package orders.internal.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import orders.OrderView;
import org.jboss.logging.Logger;
import platform.db.DatabaseBootstrap;
import platform.error.DomainException;
import platform.error.ErrorCode;
import platform.web.Problem;
import platform.work.BackgroundLoop;

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

    private static final String CLAIM_NEXT = """
            SELECT i.batch_id, i.idx, i.payload::text, b.client_id, b.actor, i.attempts
              FROM orders.batch_items i JOIN orders.batches b ON b.id = i.batch_id
             WHERE i.status = 'queued'
             ORDER BY b.created_at, i.batch_id, i.idx
             LIMIT 1 FOR UPDATE OF i SKIP LOCKED""";

    private static final String CLAIM_ONE = """
            SELECT i.batch_id, i.idx, i.payload::text, b.client_id, b.actor, i.attempts
              FROM orders.batch_items i JOIN orders.batches b ON b.id = i.batch_id
             WHERE i.batch_id = ? AND i.idx = ? AND i.status = 'queued'
               FOR UPDATE OF i SKIP LOCKED""";

    private final AgroalDataSource dataSource;
    private final OrderRequestParser parser;
    private final OrderPlacement placement;
    private final OrdersConfig config;
    private final ObjectMapper json;
    private final platform.db.TenantScope scope;
    private final OrderMetrics metrics;
    private final Workers loop = new Workers();

    BatchWorker(
            AgroalDataSource dataSource,
            OrderRequestParser parser,
            OrderPlacement placement,
            OrdersConfig config,
            ObjectMapper json,
            platform.db.TenantScope scope,
            OrderMetrics metrics) {
        this.scope = scope;
        this.metrics = metrics;
        this.dataSource = dataSource;
        this.parser = parser;
        this.placement = placement;
        this.config = config;
        this.json = json;
    }

    private record Item(UUID batchId, int index, String payload, UUID clientId, String actor, int attempts) {}

    private record Attempt(Item item, DomainException refusal) {}

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
        protected void failed(Exception e) {
            LOG.warnf(e, "batch worker failed; retrying shortly");
        }
    }

    /** Places (or refuses) the next queued order; false when the queue is empty. */
    public boolean processOne() {
        Attempt attempt;
        Item[] claimed = new Item[1];
        try {
            attempt = QuarkusTransaction.requiringNew().call(() -> {
                Item item = claim(CLAIM_NEXT, null, 0);
                if (item == null) {
                    return null;
                }
                claimed[0] = item;
                try {
                    NewOrder order = parser.parse(json.readTree(item.payload()));
                    OrderView view = placement.place(item.clientId(), item.actor(), order, Optional.empty());
                    mark(item, "created", view.id(), null, false);
                    return new Attempt(item, null);
                } catch (DomainException refusal) {
                    throw new Refused(new Attempt(item, refusal)); // rolls the order back, keeps the item queued
                }
            });
        } catch (Refused refused) {
            attempt = refused.attempt;
        } catch (RuntimeException unexpected) {
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
            Item refused = attempt.item();
            QuarkusTransaction.requiringNew().run(() -> {
                Item again = claim(CLAIM_ONE, refused.batchId(), refused.index());
                if (again != null) {
                    mark(again, "rejected", null, problem, false);
                }
            });
        }
        return true;
    }

    /** Counts an unexpected failure against the item; after a few it is rejected as internal_error. */
    private void recordUnexpectedFailure(Item failed) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Item item = claim(CLAIM_ONE, failed.batchId(), failed.index());
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

    private Item claim(String sql, UUID batchId, int index) {
        scope.all(); // the queue spans every tenant; placing an order narrows the scope to its client
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            if (batchId != null) {
                ps.setObject(1, batchId);
                ps.setInt(2, index);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new Item(
                        rs.getObject(1, UUID.class),
                        rs.getInt(2),
                        rs.getString(3),
                        rs.getObject(4, UUID.class),
                        rs.getString(5),
                        rs.getInt(6));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot claim a batch item", e);
        }
    }

    private void mark(Item item, String status, UUID orderId, String error, boolean countAttempt) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        UPDATE orders.batch_items SET status = ?, order_id = ?, error = ?::jsonb,
                               processed_at = CASE WHEN ? = 'queued' THEN NULL ELSE clock_timestamp() END,
                               attempts = attempts + ?
                         WHERE batch_id = ? AND idx = ?""")) {
            ps.setString(1, status);
            ps.setObject(2, orderId);
            ps.setString(3, error);
            ps.setString(4, status);
            ps.setInt(5, countAttempt ? 1 : 0);
            ps.setObject(6, item.batchId());
            ps.setInt(7, item.index());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record a batch outcome", e);
        }
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
