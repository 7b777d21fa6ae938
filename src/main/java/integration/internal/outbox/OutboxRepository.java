package integration.internal.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.PGConnection;
import platform.db.Jdbc;

/**
 * The one reader of the outbox. {@link #committedAfter} is commit-safe: it returns rows in (writing
 * transaction, row) order and only those whose transaction is older than every transaction still
 * running, so no row can later appear before a position already handed out; the feed, the fan-out and
 * the webhook dispatcher read this way. The Kafka relay reads what it has not yet published in
 * insertion order, which for one subject is commit order ({@link #unpublished}).
 */
@ApplicationScoped
public class OutboxRepository {

    private static final String COLUMNS =
            "seq, txid::text, id, source, type, subject, topic, schema_version, tenant_id, time, data::text, traceparent";

    private final Jdbc jdbc;
    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;

    OutboxRepository(
            Jdbc jdbc,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.jdbc = jdbc;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /**
     * A connection of its own (not the pool's: it stays open) that hears of every commit of outbox rows
     * through LISTEN/NOTIFY.
     */
    public Listener listen() throws SQLException {
        Connection c = DriverManager.getConnection(url, user.orElse(null), password.orElse(null));
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN quartermaster_outbox");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return new Listener(c);
    }

    /** Notifications of outbox commits; closing it ends the LISTEN. */
    public static final class Listener implements AutoCloseable {

        private final Connection connection;

        private Listener(Connection connection) {
            this.connection = connection;
        }

        /** Returns when a commit was announced, or after {@code max}. */
        public void await(Duration max) throws SQLException {
            connection.unwrap(PGConnection.class).getNotifications((int) max.toMillis());
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
    }

    /**
     * Committed rows after a position, oldest first. A non-null {@code tenant} sees its own rows and the
     * rows that belong to no tenant; an empty {@code types} means every type.
     */
    public List<OutboxRecord> committedAfter(FeedPosition after, int limit, UUID tenant, List<String> types) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM platform.outbox"
                + " WHERE (txid, seq) > (?::text::xid8, ?) AND txid < pg_snapshot_xmin(pg_current_snapshot())");
        List<Object> params = new ArrayList<>(List.of(Long.toString(after.txid()), after.seq()));
        if (tenant != null) {
            sql.append(" AND (tenant_id = ? OR tenant_id IS NULL)");
            params.add(tenant);
        }
        if (!types.isEmpty()) {
            sql.append(" AND type = ANY(?)");
            params.add(Jdbc.array("text", types));
        }
        // the columns, qualified: a bare txid would name the selected txid::text and sort digits as text
        sql.append(" ORDER BY outbox.txid, outbox.seq LIMIT ?");
        params.add(limit);
        return jdbc.list(sql.toString(), OutboxRepository::record, params.toArray());
    }

    /**
     * Where a reader that only wants what happens from now on starts: after every transaction that had
     * finished before the oldest one still running, so rows of transactions running now are read once
     * they commit.
     */
    public FeedPosition head() {
        return jdbc.one(
                        "SELECT pg_snapshot_xmin(pg_current_snapshot())::text",
                        rs -> new FeedPosition(Long.parseLong(rs.getString(1)) - 1, Long.MAX_VALUE))
                .orElseThrow();
    }

    /** Rows not yet acknowledged by Kafka, in insertion order. */
    public List<OutboxRecord> unpublished(int limit) {
        return jdbc.list(
                "SELECT " + COLUMNS + " FROM platform.outbox WHERE published_at IS NULL ORDER BY seq LIMIT ?",
                OutboxRepository::record,
                limit);
    }

    /**
     * Takes the relay's lock for the current transaction, unless another instance holds it; one relay at
     * a time keeps the order per key.
     */
    public boolean tryRelayLock() {
        return jdbc.one("SELECT pg_try_advisory_xact_lock(hashtext('platform.outbox.relay'))", rs -> rs.getBoolean(1))
                .orElse(false);
    }

    public void markPublished(List<Long> seqs) {
        if (!seqs.isEmpty()) {
            jdbc.update(
                    "UPDATE platform.outbox SET published_at = now() WHERE seq = ANY(?)", Jdbc.array("bigint", seqs));
        }
    }

    /** How many rows wait for Kafka (counted up to a cap), and for how long the oldest has waited. */
    public record Waiting(long rows, long oldestSeconds) {}

    /**
     * Counts at most {@code cap} waiting rows and reads the oldest by position: both walk the partial index
     * of unpublished rows no further than the cap. Without Kafka nothing is ever published, and an
     * uncapped count read every waiting row on each readiness probe and metrics scrape.
     */
    public Waiting waiting(long cap) {
        return jdbc.one("""
                        SELECT (SELECT count(*) FROM (SELECT 1 FROM platform.outbox WHERE published_at IS NULL LIMIT ?) w),
                               coalesce(extract(epoch FROM now() - (SELECT time FROM platform.outbox WHERE published_at IS NULL
                                                                     ORDER BY seq LIMIT 1)), 0)::bigint""", rs -> new Waiting(rs.getLong(1), rs.getLong(2)), cap)
                .orElseThrow();
    }

    private static OutboxRecord record(ResultSet rs) throws SQLException {
        return new OutboxRecord(
                new FeedPosition(Long.parseLong(rs.getString(2)), rs.getLong(1)),
                rs.getObject(3, UUID.class),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getInt(8),
                rs.getObject(9, UUID.class),
                rs.getObject(10, OffsetDateTime.class).toInstant(),
                rs.getString(11),
                rs.getString(12));
    }
}
