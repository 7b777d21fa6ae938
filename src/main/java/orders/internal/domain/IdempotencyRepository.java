package orders.internal.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import platform.db.Jdbc;

/** Idempotency keys, scoped to client and endpoint, with the answer stored once the request is done. */
@ApplicationScoped
public class IdempotencyRepository {

    private final Jdbc jdbc;

    IdempotencyRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored key: the hash of its request and, once done, the answer. */
    record Stored(byte[] requestHash, String state, int status, String body, String location) {}

    /** Removes the key when it expired before {@code now} or is an in-flight claim made before {@code staleBefore}. */
    void deleteIfStale(UUID clientId, String endpoint, String key, OffsetDateTime now, OffsetDateTime staleBefore) {
        jdbc.update("""
                DELETE FROM orders.idempotency_keys WHERE client_id = ? AND endpoint = ? AND key = ?
                   AND (expires_at < ? OR (state = 'in_flight' AND created_at < ?))""", clientId, endpoint, key, now, staleBefore);
    }

    /** Claims the key as in flight; false when it exists already. */
    boolean claim(
            UUID clientId,
            String endpoint,
            String key,
            byte[] requestHash,
            OffsetDateTime now,
            OffsetDateTime expires) {
        return jdbc.update("""
                        INSERT INTO orders.idempotency_keys (client_id, endpoint, key, request_hash, state, created_at,
                                                             expires_at)
                        VALUES (?, ?, ?, ?, 'in_flight', ?, ?) ON CONFLICT DO NOTHING""", clientId, endpoint, key, requestHash, now, expires) == 1;
    }

    Optional<Stored> find(UUID clientId, String endpoint, String key) {
        return jdbc.one(
                """
                SELECT request_hash, state, response_status, response_body, location FROM orders.idempotency_keys
                 WHERE client_id = ? AND endpoint = ? AND key = ?""",
                rs -> new Stored(rs.getBytes(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5)),
                clientId,
                endpoint,
                key);
    }

    void storeAnswer(UUID clientId, String endpoint, String key, int status, String body, String location) {
        jdbc.update("""
                UPDATE orders.idempotency_keys SET state = 'done', response_status = ?, response_body = ?, location = ?
                 WHERE client_id = ? AND endpoint = ? AND key = ?""", status, body, location, clientId, endpoint, key);
    }

    void deleteInFlight(UUID clientId, String endpoint, String key) {
        jdbc.update(
                "DELETE FROM orders.idempotency_keys"
                        + " WHERE client_id = ? AND endpoint = ? AND key = ? AND state = 'in_flight'",
                clientId,
                endpoint,
                key);
    }

    /** Deletes up to {@code limit} keys past their lifetime; the caller's transaction must see every tenant. */
    int purgeExpired(int limit) {
        return jdbc.update("""
                DELETE FROM orders.idempotency_keys WHERE ctid IN (
                    SELECT ctid FROM orders.idempotency_keys WHERE expires_at < now() LIMIT ?)""", limit);
    }
}
