package integration.internal.stream;

import integration.internal.outbox.EventCatalog;
import integration.internal.outbox.FeedPosition;
import integration.internal.outbox.OutboxRecord;
import integration.internal.outbox.OutboxRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import operations.BackgroundLoop;
import org.jboss.logging.Logger;
import platform.db.DatabaseBootstrap;
import platform.outbox.OutboxCommitted;
import platform.outbox.OutboxEvent;

/**
 * The cross-instance fan-out: follows the outbox on every instance and fires {@link OutboxCommitted}
 * in-process with the typed events, in commit-safe order from where it started. LISTEN on a
 * connection of its own wakes it at each commit (it looks anyway every second); the rows are read
 * through the one outbox reader. This is how a change committed through any instance reaches the
 * real-time subscribers of every instance, with or without Kafka.
 */
@Singleton
public class OutboxFollower extends BackgroundLoop {

    private static final Logger LOG = Logger.getLogger(OutboxFollower.class);
    private static final int BATCH = 2000;

    private final OutboxRepository outbox;
    private final EventCatalog catalog;
    private final Event<OutboxCommitted> committed;
    private OutboxRepository.Listener listening;
    private FeedPosition position;

    OutboxFollower(OutboxRepository outbox, EventCatalog catalog, Event<OutboxCommitted> committed) {
        super("outbox-follower");
        this.outbox = outbox;
        this.catalog = catalog;
        this.committed = committed;
    }

    void start(@Observes @Priority(DatabaseBootstrap.PRIORITY + 100) StartupEvent event) {
        startLoop(1);
    }

    void stop(@Observes ShutdownEvent event) {
        stopLoop();
        closeListener();
    }

    @Override
    protected boolean round() throws SQLException {
        if (listening == null) {
            listening = outbox.listen();
        }
        if (position == null) {
            position = outbox.head(); // subscribers get snapshots; what came before this instance started is history
        }
        List<OutboxRecord> rows;
        do {
            rows = outbox.committedAfter(position, BATCH, null, List.of());
            if (!rows.isEmpty()) {
                position = rows.get(rows.size() - 1).position();
                publish(rows);
            }
        } while (rows.size() == BATCH);
        return false;
    }

    /** Rests until a commit is announced, or a second has passed. */
    @Override
    protected void rest() throws SQLException {
        listening.await(idle());
    }

    @Override
    protected Duration backoff() {
        return Duration.ofSeconds(1);
    }

    @Override
    protected void failed(Exception e) {
        LOG.warnf("outbox follower lost its connection (%s); reconnecting", e.getMessage());
        closeListener();
    }

    private void publish(List<OutboxRecord> rows) {
        List<OutboxEvent> events =
                rows.stream().map(catalog::decode).flatMap(Optional::stream).toList();
        if (events.isEmpty()) {
            return;
        }
        try {
            committed.fire(new OutboxCommitted(events));
        } catch (RuntimeException e) {
            LOG.warnf(e, "an outbox observer failed");
        }
    }

    private synchronized void closeListener() {
        if (listening != null) {
            listening.close();
            listening = null;
        }
    }
}
