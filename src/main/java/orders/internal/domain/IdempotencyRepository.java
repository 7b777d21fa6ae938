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

    /**
     * Takes the key's transaction-scoped advisory lock if nobody holds it; false when another live
     * transaction does. PostgreSQL releases it when the transaction ends, and when its connection dies.
     */
    boolean tryLockForTransaction(UUID clientId, String endpoint, String key) {
        return jdbc.one(
                        "SELECT pg_try_advisory_xact_lock(hashtextextended(?, 0))",
                        rs -> rs.getBoolean(1),
                        lockName(clientId, endpoint, key))
                .orElse(false);
    }

    /**
     * Scopes the transaction to the key's client and takes the key's advisory lock, in one round trip
     * (ADR 0053); false when another live transaction holds the key.
     */
    boolean scopeAndTryLock(UUID clientId, String endpoint, String key) {
        return jdbc.one(
                        "SELECT " + TenantScopeRepository.SET_TENANT
                                + ", pg_try_advisory_xact_lock(hashtextextended(?, 0))",
                        rs -> rs.getBoolean(2),
                        clientId.toString(),
                        lockName(clientId, endpoint, key))
                .orElse(false);
    }

    /**
     * The key's row unless it is stale (expired before {@code now}, or an in-flight claim made before
     * {@code staleBefore}), in which case it is deleted: {@link #deleteIfStale} and {@link #find} in one
     * statement.
     */
    Optional<Stored> findLive(
            UUID clientId, String endpoint, String key, OffsetDateTime now, OffsetDateTime staleBefore) {
        return jdbc.one(
                """
                WITH gone AS (
                    DELETE FROM orders.idempotency_keys WHERE client_id = ? AND endpoint = ? AND key = ?
                       AND (expires_at < ? OR (state = 'in_flight' AND created_at < ?)) RETURNING 1)
                SELECT request_hash, state, response_status, response_body, location FROM orders.idempotency_keys
                 WHERE client_id = ? AND endpoint = ? AND key = ? AND NOT EXISTS (SELECT 1 FROM gone)""",
                rs -> new Stored(rs.getBytes(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5)),
                clientId,
                endpoint,
                key,
                now,
                staleBefore,
                clientId,
                endpoint,
                key);
    }

    /** Waits for the key's transaction-scoped advisory lock. */
    void lockForTransaction(UUID clientId, String endpoint, String key) {
        jdbc.execute("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", lockName(clientId, endpoint, key));
    }

    private static String lockName(UUID clientId, String endpoint, String key) {
        return "idempotency:" + clientId + ":" + endpoint + ":" + key;
    }

    /** Stores a finished request's answer; false when the key has an answer already. */
    boolean insertAnswer(
            UUID clientId,
            String endpoint,
            String key,
            byte[] requestHash,
            int status,
            String body,
            String location,
            OffsetDateTime now,
            OffsetDateTime expires) {
        return jdbc.update("""
                        INSERT INTO orders.idempotency_keys (client_id, endpoint, key, request_hash, state, response_status,
                                                             response_body, location, created_at, expires_at)
                        VALUES (?, ?, ?, ?, 'done', ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", clientId, endpoint, key, requestHash, status, body, location, now, expires) == 1;
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

    /** Deletes up to {@code limit} keys past their lifetime; the caller's transaction must see every tenant. */
    int purgeExpired(int limit) {
        return jdbc.update("""
                DELETE FROM orders.idempotency_keys WHERE ctid IN (
                    SELECT ctid FROM orders.idempotency_keys WHERE expires_at < now() LIMIT ?)""", limit);
    }
}
