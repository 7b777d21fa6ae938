package audit.internal.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import platform.db.Jdbc;

/** The audit tables: entries waiting to be chained ({@code audit_pending}) and the chain ({@code audit_log}). */
@ApplicationScoped
public class AuditRepository {

    private static final String ENTRY_COLUMNS =
            "seq, id, at, actor, tenant_id, trace_id, action, subject, details::text, prev_hash, hash, encoding";

    private final Jdbc jdbc;

    AuditRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored chain entry with its hashes. */
    record Chained(AuditChain.Entry entry, byte[] prevHash, byte[] hash, int encoding) {}

    public void insertPending(
            UUID id,
            OffsetDateTime at,
            String actor,
            UUID tenant,
            String traceId,
            String action,
            String subject,
            String details) {
        jdbc.update("""
                INSERT INTO platform.audit_pending (id, at, actor, tenant_id, trace_id, action, subject, details)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)""", id, at, actor, tenant, traceId, action, subject, details);
    }

    /** Waits for the chainer's lock, held until the end of the transaction: one chainer at a time. */
    void lockChain() {
        jdbc.execute("SELECT pg_advisory_xact_lock(hashtext('platform.audit_log'))");
    }

    /** The last chained entry's position and hash, if any. */
    Optional<Chained> last() {
        return jdbc.one(
                "SELECT " + ENTRY_COLUMNS + " FROM platform.audit_log ORDER BY seq DESC LIMIT 1",
                AuditRepository::chained);
    }

    /**
     * Up to {@code limit} committed pending entries, oldest first (their {@code seq} is the pending
     * position). The caller holds the chain lock, so no other chainer reads them at the same time.
     */
    List<AuditChain.Entry> takePending(int limit) {
        return jdbc.list("""
                SELECT seq, id, at, actor, tenant_id, trace_id, action, subject, details::text
                  FROM platform.audit_pending ORDER BY seq LIMIT ?""", AuditRepository::entry, limit);
    }

    /**
     * Removes the pending entries at these positions that are now in the chain with the same content,
     * through the owner's function (the application role may not delete pending entries); returns how many.
     */
    int forgetChained(long[] positions) {
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT platform.audit_forget_chained(?)")) {
                Long[] boxed = new Long[positions.length];
                for (int i = 0; i < positions.length; i++) {
                    boxed[i] = positions[i];
                }
                ps.setArray(1, c.createArrayOf("bigint", boxed));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    void append(List<Chained> entries) {
        jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO platform.audit_log (seq, id, at, actor, tenant_id, trace_id, action, subject, details,
                                                    prev_hash, hash, encoding)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)""")) {
                for (Chained chained : entries) {
                    AuditChain.Entry e = chained.entry();
                    ps.setLong(1, e.seq());
                    ps.setObject(2, e.id());
                    ps.setObject(3, e.at());
                    ps.setString(4, e.actor());
                    ps.setObject(5, e.tenantId());
                    ps.setString(6, e.traceId());
                    ps.setString(7, e.action());
                    ps.setString(8, e.subject());
                    ps.setString(9, e.details());
                    ps.setBytes(10, chained.prevHash());
                    ps.setBytes(11, chained.hash());
                    ps.setInt(12, chained.encoding());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** One signed checkpoint of the chain head. */
    record Checkpoint(
            long seq,
            UUID id,
            OffsetDateTime at,
            long entries,
            byte[] headHash,
            String algorithm,
            String keyId,
            byte[] signature) {}

    private static final String CHECKPOINT_COLUMNS = "seq, id, at, entries, head_hash, algorithm, key_id, signature";

    /** The hash of the chain entry at {@code seq}, if there is one. */
    Optional<byte[]> hashAt(long seq) {
        return jdbc.one("SELECT hash FROM platform.audit_log WHERE seq = ?", rs -> rs.getBytes(1), seq);
    }

    void insertCheckpoint(Checkpoint c) {
        jdbc.update("""
                INSERT INTO platform.audit_checkpoint (id, at, entries, head_hash, algorithm, key_id, signature)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", c.id(), c.at(), c.entries(), c.headHash(), c.algorithm(), c.keyId(), c.signature());
    }

    Optional<Checkpoint> latestCheckpoint() {
        return jdbc.one(
                "SELECT " + CHECKPOINT_COLUMNS + " FROM platform.audit_checkpoint ORDER BY seq DESC LIMIT 1",
                AuditRepository::checkpoint);
    }

    List<Checkpoint> checkpoints(long afterSeq, int limit) {
        return jdbc.list(
                "SELECT " + CHECKPOINT_COLUMNS + " FROM platform.audit_checkpoint WHERE seq > ? ORDER BY seq LIMIT ?",
                AuditRepository::checkpoint,
                afterSeq,
                limit);
    }

    private static Checkpoint checkpoint(ResultSet rs) throws SQLException {
        return new Checkpoint(
                rs.getLong(1),
                rs.getObject(2, UUID.class),
                rs.getObject(3, OffsetDateTime.class),
                rs.getLong(4),
                rs.getBytes(5),
                rs.getString(6),
                rs.getString(7),
                rs.getBytes(8));
    }

    /** A page of the chain after {@code afterSeq}, optionally of one action or tenant. */
    List<Chained> page(long afterSeq, int limit, String action, UUID tenantId) {
        StringBuilder sql = new StringBuilder("SELECT " + ENTRY_COLUMNS + " FROM platform.audit_log WHERE seq > ?");
        List<Object> params = new ArrayList<>(List.of(afterSeq));
        if (action != null) {
            sql.append(" AND action = ?");
            params.add(action);
        }
        if (tenantId != null) {
            sql.append(" AND tenant_id = ?");
            params.add(tenantId);
        }
        sql.append(" ORDER BY seq LIMIT ?");
        params.add(limit);
        return jdbc.list(sql.toString(), AuditRepository::chained, params.toArray());
    }

    /**
     * Streams the whole chain in order, in a read-only transaction of its own (so the driver fetches in
     * chunks), until {@code visit} returns false; returns how many entries were visited.
     */
    long stream(Predicate<Chained> visit) {
        return jdbc.run(c -> {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // lets the driver stream the rows instead of loading them all
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + ENTRY_COLUMNS + " FROM platform.audit_log ORDER BY seq")) {
                ps.setFetchSize(2000);
                long visited = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        visited++;
                        if (!visit.test(chained(rs))) {
                            break;
                        }
                    }
                }
                return visited;
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        });
    }

    private static AuditChain.Entry entry(ResultSet rs) throws SQLException {
        return new AuditChain.Entry(
                rs.getLong(1),
                rs.getObject(2, UUID.class),
                rs.getObject(3, OffsetDateTime.class),
                rs.getString(4),
                rs.getObject(5, UUID.class),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9));
    }

    private static Chained chained(ResultSet rs) throws SQLException {
        return new Chained(entry(rs), rs.getBytes(10), rs.getBytes(11), rs.getInt(12));
    }
}
