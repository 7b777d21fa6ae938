package platform.audit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import platform.db.DatabaseBootstrap;

/**
 * Moves committed entries from {@code audit_pending} into the hash chain of {@code audit_log}, one
 * chainer at a time across all instances (a transaction-level advisory lock), so concurrent writers can
 * never fork the chain and the hot path never waits for it. Runs in the background every few hundred
 * milliseconds, and before every read of the log.
 */
@ApplicationScoped
public class AuditChain {

    static final byte[] GENESIS = new byte[32];
    private static final Logger LOG = Logger.getLogger(AuditChain.class);
    private static final int BATCH = 1000;

    private final AgroalDataSource dataSource;
    private ScheduledExecutorService scheduler;

    AuditChain(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One stored entry, as hashed. */
    record Entry(
            long seq,
            UUID id,
            OffsetDateTime at,
            String actor,
            UUID tenantId,
            String traceId,
            String action,
            String subject,
            String details) {

        byte[] hash(byte[] previous) {
            String content = String.join(
                    "\n",
                    Long.toString(seq),
                    id.toString(),
                    at.toInstant().toString(),
                    nullToEmpty(actor),
                    tenantId == null ? "" : tenantId.toString(),
                    nullToEmpty(traceId),
                    action,
                    nullToEmpty(subject),
                    details);
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(previous);
                return sha.digest(content.getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String nullToEmpty(String s) {
            return s == null ? "" : s;
        }
    }

    void start(@Observes @Priority(DatabaseBootstrap.PRIORITY + 100) StartupEvent event) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "audit-chain");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        chainAll();
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "audit chaining failed; retrying");
                    }
                },
                250,
                250,
                TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** Chains everything committed so far; returns how many entries were added. */
    public int chainAll() {
        int total = 0;
        int moved;
        do {
            moved = QuarkusTransaction.requiringNew().call(this::chainBatch);
            total += moved;
        } while (moved == BATCH);
        return total;
    }

    private int chainBatch() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement lock =
                    c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('platform.audit_log'))")) {
                lock.execute();
            }
            long lastSeq = 0;
            byte[] lastHash = GENESIS;
            try (PreparedStatement ps =
                            c.prepareStatement("SELECT seq, hash FROM platform.audit_log ORDER BY seq DESC LIMIT 1");
                    ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    lastSeq = rs.getLong(1);
                    lastHash = rs.getBytes(2);
                }
            }
            List<Entry> pending = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    DELETE FROM platform.audit_pending WHERE seq IN (
                        SELECT seq FROM platform.audit_pending ORDER BY seq LIMIT ?)
                    RETURNING seq, id, at, actor, tenant_id, trace_id, action, subject, details::text""")) {
                ps.setInt(1, BATCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        pending.add(new Entry(
                                rs.getLong(1),
                                rs.getObject(2, UUID.class),
                                rs.getObject(3, OffsetDateTime.class),
                                rs.getString(4),
                                rs.getObject(5, UUID.class),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getString(8),
                                rs.getString(9)));
                    }
                }
            }
            if (pending.isEmpty()) {
                return 0;
            }
            pending.sort((a, b) -> Long.compare(a.seq(), b.seq()));
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO platform.audit_log (seq, id, at, actor, tenant_id, trace_id, action, subject, details, prev_hash, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""")) {
                for (Entry p : pending) {
                    Entry chained = new Entry(
                            ++lastSeq,
                            p.id(),
                            p.at(),
                            p.actor(),
                            p.tenantId(),
                            p.traceId(),
                            p.action(),
                            p.subject(),
                            p.details());
                    byte[] hash = chained.hash(lastHash);
                    ps.setLong(1, chained.seq());
                    ps.setObject(2, chained.id());
                    ps.setObject(3, chained.at());
                    ps.setString(4, chained.actor());
                    ps.setObject(5, chained.tenantId());
                    ps.setString(6, chained.traceId());
                    ps.setString(7, chained.action());
                    ps.setString(8, chained.subject());
                    ps.setString(9, chained.details());
                    ps.setBytes(10, lastHash);
                    ps.setBytes(11, hash);
                    ps.addBatch();
                    lastHash = hash;
                }
                ps.executeBatch();
            }
            return pending.size();
        }
    }
}
