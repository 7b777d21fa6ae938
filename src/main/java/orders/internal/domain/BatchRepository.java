package orders.internal.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import platform.db.Jdbc;

/**
 * The durable batch queue: batches, their items, and claiming an item with {@code FOR UPDATE SKIP
 * LOCKED} so that workers on every instance share the queue without taking an item twice.
 */
@ApplicationScoped
public class BatchRepository {

    private static final String ITEM = "SELECT i.batch_id, i.idx, i.payload::text, b.client_id, b.actor, i.attempts,"
            + " b.traceparent"
            + " FROM orders.batch_items i JOIN orders.batches b ON b.id = i.batch_id";

    private final Jdbc jdbc;

    BatchRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** A queued order of a batch, claimed by the current transaction. */
    record Item(
            UUID batchId, int index, String payload, UUID clientId, String actor, int attempts, String traceparent) {}

    /** A batch as stored. */
    record Batch(UUID clientId, int total, Instant createdAt) {}

    /** One item's outcome so far. */
    record ItemState(int index, String externalRef, String status, UUID orderId, String error, Instant processedAt) {}

    void insert(
            UUID id,
            UUID clientId,
            String actor,
            Instant createdAt,
            List<String> payloads,
            List<String> refs,
            String traceparent) {
        jdbc.update(
                "INSERT INTO orders.batches (id, client_id, actor, total, created_at, traceparent)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                id,
                clientId,
                actor,
                payloads.size(),
                OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC),
                traceparent);
        jdbc.update("""
                INSERT INTO orders.batch_items (batch_id, client_id, idx, payload, status, external_ref)
                SELECT ?, ?, i.ord - 1, i.payload::jsonb, 'queued', i.ref
                  FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS i(payload, ref, ord)""", id, clientId, Jdbc.array("text", payloads), Jdbc.array("text", refs));
    }

    /** How many orders of all batches wait for a worker. */
    long queued() {
        return jdbc.one("SELECT count(*) FROM orders.batch_items WHERE status = 'queued'", rs -> rs.getLong(1))
                .orElse(0L);
    }

    Optional<Batch> find(UUID id) {
        return jdbc.one(
                "SELECT client_id, total, created_at FROM orders.batches WHERE id = ?",
                rs -> new Batch(
                        rs.getObject(1, UUID.class),
                        rs.getInt(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant()),
                id);
    }

    List<ItemState> items(UUID batchId) {
        return jdbc.list(
                """
                SELECT idx, external_ref, status, order_id, error::text, processed_at FROM orders.batch_items
                 WHERE batch_id = ? ORDER BY idx""",
                rs -> {
                    OffsetDateTime processedAt = rs.getObject(6, OffsetDateTime.class);
                    return new ItemState(
                            rs.getInt(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getObject(4, UUID.class),
                            rs.getString(5),
                            processedAt == null ? null : processedAt.toInstant());
                },
                batchId);
    }

    /** Claims the oldest queued item that no other transaction holds, if any. */
    Optional<Item> claimNext() {
        return jdbc.one(
                ITEM + " WHERE i.status = 'queued' ORDER BY b.created_at, i.batch_id, i.idx"
                        + " LIMIT 1 FOR UPDATE OF i SKIP LOCKED",
                BatchRepository::item);
    }

    /** Claims one item again, if it is still queued and free. */
    Optional<Item> claim(UUID batchId, int index) {
        return jdbc.one(
                ITEM + " WHERE i.batch_id = ? AND i.idx = ? AND i.status = 'queued' FOR UPDATE OF i SKIP LOCKED",
                BatchRepository::item,
                batchId,
                index);
    }

    void mark(Item item, String status, UUID orderId, String error, boolean countAttempt) {
        jdbc.update("""
                UPDATE orders.batch_items SET status = ?, order_id = ?, error = ?::jsonb,
                       processed_at = CASE WHEN ? = 'queued' THEN NULL ELSE clock_timestamp() END,
                       attempts = attempts + ?
                 WHERE batch_id = ? AND idx = ?""", status, orderId, error, status, countAttempt ? 1 : 0, item.batchId(), item.index());
    }

    private static Item item(ResultSet rs) throws SQLException {
        return new Item(
                rs.getObject(1, UUID.class),
                rs.getInt(2),
                rs.getString(3),
                rs.getObject(4, UUID.class),
                rs.getString(5),
                rs.getInt(6),
                rs.getString(7));
    }
}
