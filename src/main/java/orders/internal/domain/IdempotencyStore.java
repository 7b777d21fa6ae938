package orders.internal.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import platform.db.TenantScope;

/**
 * Idempotency keys with Stripe's semantics, scoped to client and endpoint. A key is claimed in a short
 * transaction of its own (so a concurrent duplicate sees it in flight at once); the answer is stored in
 * the same transaction as the order it created, or, for a refusal, right after it.
 */
@ApplicationScoped
public class IdempotencyStore {

    private final IdempotencyRepository keys;
    private final OrdersConfig config;
    private final TenantScope scope;

    IdempotencyStore(IdempotencyRepository keys, OrdersConfig config, TenantScope scope) {
        this.scope = scope;
        this.keys = keys;
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
        // an expired key, or an in-flight claim whose request died, no longer blocks the key
        keys.deleteIfStale(clientId, endpoint, key, now, now.minus(config.idempotencyInFlightTimeout()));
        if (keys.claim(clientId, endpoint, key, requestHash, now, now.plus(config.idempotencyRetention()))) {
            return new Begun(new Claim(clientId, endpoint, key));
        }
        Optional<IdempotencyRepository.Stored> stored = keys.find(clientId, endpoint, key);
        if (stored.isEmpty()) {
            return new InFlight(); // removed between our statements: the caller retries
        }
        if (!MessageDigest.isEqual(stored.get().requestHash(), requestHash)) {
            return new Reused();
        }
        if ("in_flight".equals(stored.get().state())) {
            return new InFlight();
        }
        return new Replay(
                stored.get().status(), stored.get().body(), stored.get().location());
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
        keys.deleteInFlight(claim.clientId(), claim.endpoint(), claim.key());
    }

    private void store(Claim claim, int status, String body, String location) {
        keys.storeAnswer(claim.clientId(), claim.endpoint(), claim.key(), status, body, location);
    }
}
