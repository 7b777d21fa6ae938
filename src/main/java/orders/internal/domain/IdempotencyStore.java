package orders.internal.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import platform.error.DomainException;
import platform.error.ErrorCode;

/**
 * Idempotency keys with Stripe's semantics, scoped to client and endpoint. The claim on a key in flight
 * is a transaction-scoped PostgreSQL advisory lock taken by the very transaction that creates the order
 * ({@link #hold}), and the key's row is written, with the answer, in that transaction: a concurrent
 * duplicate finds the lock taken (409), and an instance that dies mid-request leaves neither lock nor row
 * behind, so a retry elsewhere proceeds at once (ADR 0030). A refusal's answer is stored right after the
 * refused transaction rolled back, under the same lock.
 */
@ApplicationScoped
public class IdempotencyStore {

    private final IdempotencyRepository keys;
    private final OrdersConfig config;
    private final TenantScopeRepository scope;

    IdempotencyStore(IdempotencyRepository keys, OrdersConfig config, TenantScopeRepository scope) {
        this.scope = scope;
        this.keys = keys;
        this.config = config;
    }

    /** A key this request may use: held by {@link #hold} in the transaction that does the work. */
    public record Claim(UUID clientId, String endpoint, String key, byte[] requestHash) {}

    /** The key got its answer between {@link #begin} and {@link #hold}: ask {@link #begin} again. */
    public static final class AnsweredMeanwhile extends RuntimeException {
        AnsweredMeanwhile() {
            super("the idempotency key was answered meanwhile", null, false, false);
        }
    }

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
        // an expired key, or an in-flight row left by an older version, no longer blocks the key
        keys.deleteIfStale(clientId, endpoint, key, now, now.minus(config.idempotencyInFlightTimeout()));
        Optional<IdempotencyRepository.Stored> stored = keys.find(clientId, endpoint, key);
        if (stored.isEmpty()) {
            return new Begun(new Claim(clientId, endpoint, key, requestHash));
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

    /**
     * Claims the key for the current transaction, first thing in it: 409 {@code idempotency_key_in_flight}
     * while another live transaction holds it, {@link AnsweredMeanwhile} when it got its answer since
     * {@link #begin}. The claim ends with the transaction, however it ends.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void hold(Claim claim) {
        if (!keys.tryLockForTransaction(claim.clientId(), claim.endpoint(), claim.key())) {
            throw inFlight();
        }
        if (keys.find(claim.clientId(), claim.endpoint(), claim.key()).isPresent()) {
            throw new AnsweredMeanwhile();
        }
    }

    /**
     * {@link #hold} for a transaction not yet scoped to a tenant, with {@link #begin}'s clean-up: scopes
     * the transaction to the claim's client and takes the key in one round trip, then removes a stale row
     * and looks for an answer in a second. It lets a request skip {@link #begin} (ADR 0053): when the key
     * has an answer, {@link AnsweredMeanwhile} sends the caller to {@link #begin} for it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void holdAsTenant(Claim claim) {
        if (!keys.scopeAndTryLock(claim.clientId(), claim.endpoint(), claim.key())) {
            throw inFlight();
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (keys.findLive(
                        claim.clientId(),
                        claim.endpoint(),
                        claim.key(),
                        now,
                        now.minus(config.idempotencyInFlightTimeout()))
                .isPresent()) {
            throw new AnsweredMeanwhile();
        }
    }

    /** The answer to a duplicate of a request still running. */
    public static DomainException inFlight() {
        return new DomainException(
                        ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT,
                        "A request with this Idempotency-Key is still being processed; retry shortly")
                .retryAfter(1);
    }

    /** Stores the answer inside the transaction that created the resource (which {@link #hold}s the key). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(Claim claim, int status, String body, String location) {
        store(claim, status, body, location);
    }

    /** Stores a refusal (4xx) once its transaction has rolled back, so a retry gets the same answer. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void completeWithRefusal(Claim claim, int status, String body) {
        scope.tenant(claim.clientId());
        keys.lockForTransaction(claim.clientId(), claim.endpoint(), claim.key());
        store(claim, status, body, null); // a retry that ran meanwhile keeps its own answer
    }

    /** Forgets the key after an unexpected failure: nothing to do, the rollback released the claim. */
    public void release(Claim claim) {
        // the claim was the transaction's advisory lock and no row was written
    }

    private void store(Claim claim, int status, String body, String location) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        keys.insertAnswer(
                claim.clientId(),
                claim.endpoint(),
                claim.key(),
                claim.requestHash(),
                status,
                body,
                location,
                now,
                now.plus(config.idempotencyRetention()));
    }
}
