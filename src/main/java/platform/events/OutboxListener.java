package platform.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import platform.db.DatabaseBootstrap;

/**
 * Follows the outbox on every instance: LISTEN wakes it at each commit (and it looks anyway every
 * second), it reads what is new in (transaction, row) order from where it started, and fires
 * {@link OutboxCommitted} in-process. This is how a change committed through any instance reaches the
 * real-time subscribers of every instance, with or without Kafka.
 */
@ApplicationScoped
public class OutboxListener {

    private static final Logger LOG = Logger.getLogger(OutboxListener.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Event<OutboxCommitted> committed;
    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;
    private volatile boolean running;
    private Thread thread;

    OutboxListener(
            Event<OutboxCommitted> committed,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.committed = committed;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void start(@Observes @Priority(DatabaseBootstrap.PRIORITY + 100) StartupEvent event) {
        running = true;
        thread = new Thread(this::loop, "outbox-listener");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void loop() {
        FeedPosition position = null;
        while (running) {
            try (Connection c = DriverManager.getConnection(url, user.orElse(null), password.orElse(null))) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN quartermaster_outbox");
                }
                if (position == null) {
                    position = head(c); // subscribers get snapshots; what came before this instance started is history
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    position = publishNew(c, position);
                    pg.getNotifications(1000);
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warnf("outbox listener lost its connection (%s); reconnecting", e.getMessage());
                    sleep();
                }
            }
        }
    }

    /**
     * Where to start: after every transaction that had finished before the oldest one still running, so
     * rows of transactions running now are read once they commit (older rows are history: subscribers
     * get snapshots).
     */
    private FeedPosition head(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_snapshot_xmin(pg_current_snapshot())::text")) {
            rs.next();
            return new FeedPosition(Long.parseLong(rs.getString(1)) - 1, Long.MAX_VALUE);
        }
    }

    private FeedPosition publishNew(Connection c, FeedPosition from) throws SQLException {
        FeedPosition position = from;
        List<CloudEvent> events;
        do {
            events = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT seq, id, source, type, subject, tenant_id, time, data::text, txid::text FROM platform.outbox
                     WHERE (txid, seq) > (?::text::xid8, ?) AND txid < pg_snapshot_xmin(pg_current_snapshot())
                     ORDER BY txid, seq LIMIT 2000""")) {
                ps.setString(1, Long.toString(position.txid()));
                ps.setLong(2, position.seq());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        UUID tenant = rs.getObject(6, UUID.class);
                        events.add(new CloudEvent(
                                "1.0",
                                rs.getObject(2, UUID.class).toString(),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getObject(7, OffsetDateTime.class).toInstant(),
                                "application/json",
                                tenant == null ? null : tenant.toString(),
                                MAPPER.readTree(rs.getString(8))));
                        position = new FeedPosition(Long.parseLong(rs.getString(9)), rs.getLong(1));
                    }
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            if (!events.isEmpty()) {
                try {
                    committed.fire(new OutboxCommitted(events));
                } catch (RuntimeException e) {
                    LOG.warnf(e, "an outbox observer failed");
                }
            }
        } while (events.size() == 2000);
        return position;
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
