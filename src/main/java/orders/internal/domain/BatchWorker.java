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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
    private final platform.metrics.ApiMetrics metrics;
    private final List<Thread> threads = new ArrayList<>();
    private final Object idle = new Object();
    private volatile boolean running;

    BatchWorker(
            AgroalDataSource dataSource,
            OrderRequestParser parser,
            OrderPlacement placement,
            OrdersConfig config,
            ObjectMapper json,
            platform.db.TenantScope scope,
            platform.metrics.ApiMetrics metrics) {
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
        running = true;
        for (int i = 0; i < config.batchWorkers(); i++) {
            Thread thread = new Thread(this::loop, "batch-worker-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    /**
     * Lets each worker finish the order it is placing (its transaction commits, its row lock is released)
     * and wakes the idle ones; only a worker still busy after the grace period is interrupted.
     */
    void stop(@Observes ShutdownEvent event) {
        running = false;
        synchronized (idle) {
            idle.notifyAll();
        }
        long deadline = System.nanoTime() + config.batchStopGrace().toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.infof("%s is still placing an order; interrupting it (the order stays queued)", thread.getName());
                thread.interrupt();
            }
        }
    }

    private void loop() {
        while (running) {
            boolean worked;
            try {
                worked = processOne();
            } catch (RuntimeException e) {
                LOG.warnf(e, "batch worker failed; retrying shortly");
                worked = false;
            }
            if (!worked && running) {
                try {
                    synchronized (idle) {
                        idle.wait(config.batchPollInterval().toMillis());
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
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
            if (!running) {
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
