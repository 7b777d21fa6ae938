package orders.internal.domain;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Idempotency keys with Stripe's semantics, scoped to client and endpoint. A key is claimed in a short
 * transaction of its own (so a concurrent duplicate sees it in flight at once); the answer is stored in
 * the same transaction as the order it created, or, for a refusal, right after it.
 */
@ApplicationScoped
public class IdempotencyStore {

    private final AgroalDataSource dataSource;
    private final OrdersConfig config;
    private final platform.db.TenantScope scope;

    IdempotencyStore(AgroalDataSource dataSource, OrdersConfig config, platform.db.TenantScope scope) {
        this.scope = scope;
        this.dataSource = dataSource;
        this.config = config;
    }

    /** A key this request owns until it stores an answer. */
    public record Claim(UUID clientId, String endpoint, String key) {}

    /** What to do with a request that carries a key. */
    public sealed interface Outcome permits Begun, Replay, InFlight, Reused {}

    /** First use: go ahead, then store the answer under {@code claim}. */
    public record Begun(Claim claim) implements Outcome {}

    /** Seen before with the same body: answer this again. */
    public record Replay(int status, String body, String location) implements Outcome {}

    /** The first request with this key has not finished. */
    public record InFlight() implements Outcome {}

    /** The key was used with another body. */
    public record Reused() implements Outcome {}

    public static byte[] hash(String canonicalBody) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(canonicalBody.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Outcome begin(UUID clientId, String endpoint, String key, byte[] requestHash) {
        scope.tenant(clientId);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            // an expired key, or an in-flight claim whose request died, no longer blocks the key
            try (PreparedStatement ps = c.prepareStatement("""
                    DELETE FROM orders.idempotency_keys WHERE client_id = ? AND endpoint = ? AND key = ?
                       AND (expires_at < ? OR (state = 'in_flight' AND created_at < ?))""")) {
                ps.setObject(1, clientId);
                ps.setString(2, endpoint);
                ps.setString(3, key);
                ps.setObject(4, now);
                ps.setObject(5, now.minus(config.idempotencyInFlightTimeout()));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO orders.idempotency_keys (client_id, endpoint, key, request_hash, state, created_at, expires_at)
                    VALUES (?, ?, ?, ?, 'in_flight', ?, ?) ON CONFLICT DO NOTHING""")) {
                ps.setObject(1, clientId);
                ps.setString(2, endpoint);
                ps.setString(3, key);
                ps.setBytes(4, requestHash);
                ps.setObject(5, now);
                ps.setObject(6, now.plus(config.idempotencyRetention()));
                if (ps.executeUpdate() == 1) {
                    return new Begun(new Claim(clientId, endpoint, key));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT request_hash, state, response_status, response_body, location FROM orders.idempotency_keys
                     WHERE client_id = ? AND endpoint = ? AND key = ?""")) {
                ps.setObject(1, clientId);
                ps.setString(2, endpoint);
                ps.setString(3, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return new InFlight(); // removed between our statements: the caller retries
                    }
                    if (!MessageDigest.isEqual(rs.getBytes(1), requestHash)) {
                        return new Reused();
                    }
                    if ("in_flight".equals(rs.getString(2))) {
                        return new InFlight();
                    }
                    return new Replay(rs.getInt(3), rs.getString(4), rs.getString(5));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot claim the idempotency key", e);
        }
    }

    /** Stores the answer inside the transaction that created the resource. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(Claim claim, int status, String body, String location) {
        store(claim, status, body, location);
    }

    /** Stores a refusal (4xx) once its transaction has rolled back, so a retry gets the same answer. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void completeWithRefusal(Claim claim, int status, String body) {
        scope.tenant(claim.clientId());
        store(claim, status, body, null);
    }

    /** Forgets the key after an unexpected failure, so the client can retry. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(Claim claim) {
        scope.tenant(claim.clientId());
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM orders.idempotency_keys WHERE client_id = ? AND endpoint = ? AND key = ? AND state = 'in_flight'")) {
            ps.setObject(1, claim.clientId());
            ps.setString(2, claim.endpoint());
            ps.setString(3, claim.key());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot release the idempotency key", e);
        }
    }

    private void store(Claim claim, int status, String body, String location) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        UPDATE orders.idempotency_keys SET state = 'done', response_status = ?, response_body = ?, location = ?
                         WHERE client_id = ? AND endpoint = ? AND key = ?""")) {
            ps.setInt(1, status);
            ps.setString(2, body);
            ps.setString(3, location);
            ps.setObject(4, claim.clientId());
            ps.setString(5, claim.endpoint());
            ps.setString(6, claim.key());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the idempotent answer", e);
        }
    }

    /** Deletes up to {@code limit} keys past their lifetime; the caller's transaction must see every tenant. */
    int purgeExpired(int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        DELETE FROM orders.idempotency_keys WHERE ctid IN (
                            SELECT ctid FROM orders.idempotency_keys WHERE expires_at < now() LIMIT ?)""")) {
            ps.setInt(1, limit);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot purge idempotency keys", e);
        }
    }
}
