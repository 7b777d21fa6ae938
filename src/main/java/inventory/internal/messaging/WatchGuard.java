package inventory.internal.messaging;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import platform.error.DomainException;
import platform.error.ErrorCode;
import tenancy.Caller;
import tenancy.CurrentCaller;

/**
 * Keeps long-lived stock streams as honest as requests: a bearer token is verified the way every request's
 * is (signature, expiry, credential status, suspension, the caller's rate-limit bucket), again every
 * {@code recheck-interval} and at the token's expiry while the stream is open; a stream whose token no longer
 * passes is ended with the refusal. It also caps open streams per caller and SKUs per stream. Transport-free:
 * the gRPC watch uses it today; the WebSocket and SSE streams can.
 */
@ApplicationScoped
public class WatchGuard {

    private static final Logger LOG = Logger.getLogger(WatchGuard.class);

    private final TenantIdentityProvider tokens;
    private final List<SecurityIdentityAugmentor> augmentors;
    private final StreamConfig config;
    private final Map<String, Set<Lease>> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "watch-guard");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean started = new AtomicBoolean();

    WatchGuard(
            TenantIdentityProvider tokens, @Any Instance<SecurityIdentityAugmentor> augmentors, StreamConfig config) {
        this.tokens = tokens;
        // the order the security layer applies them in: highest priority first
        this.augmentors = augmentors.stream()
                .sorted(Comparator.comparingInt(SecurityIdentityAugmentor::priority)
                        .reversed())
                .toList();
        this.config = config;
    }

    /** Where a refusal goes: the stream ends with it. */
    public interface Stream {
        void end(DomainException refusal);
    }

    /** A verified caller and when its token expires. */
    public record Verified(Caller caller, Instant expiresAt) {}

    /** One open stream: released when the stream ends, for whatever reason. */
    public final class Lease implements AutoCloseable {
        private final String owner;
        private final String token;
        private final String scope;
        private final Stream stream;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Lease(String owner, String token, String scope, Stream stream) {
            this.owner = owner;
            this.token = token;
            this.scope = scope;
            this.stream = stream;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                Set<Lease> leases = open.get(owner);
                if (leases != null) {
                    leases.remove(this);
                }
            }
        }

        boolean isOpen() {
            return !closed.get();
        }
    }

    public int maxSkusPerStream() {
        return config.maxSkusPerConnection();
    }

    /**
     * Verifies a bearer token (the raw {@code authorization} value or the bare token) and the scope; blocks,
     * so never call it on an event loop. Refusals: {@code unauthorized}, {@code client_suspended},
     * {@code insufficient_scope}, {@code rate_limited}, {@code unavailable}.
     */
    public Verified verify(String authorization, String scope) {
        String token = bare(authorization);
        if (token == null) {
            throw new DomainException(ErrorCode.UNAUTHORIZED, "A valid bearer token is required");
        }
        SecurityIdentity identity;
        try {
            identity = tokens.authenticate(new AccessTokenCredential(token))
                    .await()
                    .atMost(Duration.ofSeconds(10));
            // the checks every HTTP request gets after its signature (credential status, suspension, rate limit)
            for (SecurityIdentityAugmentor augmentor : augmentors) {
                identity = augmentor.augment(identity, BLOCKING_HERE).await().atMost(Duration.ofSeconds(10));
            }
        } catch (DomainException e) {
            throw e;
        } catch (AuthenticationFailedException e) {
            throw new DomainException(ErrorCode.UNAUTHORIZED, "A valid bearer token is required");
        } catch (RuntimeException e) {
            if (e.getCause() instanceof DomainException d) {
                throw d;
            }
            if (e.getCause() instanceof AuthenticationFailedException) {
                throw new DomainException(ErrorCode.UNAUTHORIZED, "A valid bearer token is required");
            }
            LOG.warnf("Could not verify a stream token: %s", e.toString());
            throw new DomainException(ErrorCode.UNAVAILABLE, "The token could not be verified; retry shortly");
        }
        if (identity == null || identity.isAnonymous()) {
            throw new DomainException(ErrorCode.UNAUTHORIZED, "A valid bearer token is required");
        }
        Caller caller = CurrentCaller.of(identity);
        if (!caller.hasScope(scope)) {
            throw new DomainException(ErrorCode.INSUFFICIENT_SCOPE, "This stream needs the scope " + scope);
        }
        Instant expiresAt = identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0
                ? Instant.ofEpochSecond(jwt.getExpirationTime())
                : null;
        return new Verified(caller, expiresAt);
    }

    /** Opens a stream for a verified caller, or refuses with {@code rate_limited} when it holds too many. */
    public Lease open(Verified verified, String authorization, String scope, Stream stream) {
        startClock();
        Caller caller = verified.caller();
        String owner = caller.tenantId().map(UUID::toString).orElse("operator:" + caller.subject());
        Lease lease = new Lease(owner, bare(authorization), scope, stream);
        Set<Lease> leases = open.computeIfAbsent(owner, o -> ConcurrentHashMap.newKeySet());
        synchronized (leases) {
            if (leases.size() >= config.maxStreamsPerClient()) {
                throw new DomainException(
                        ErrorCode.RATE_LIMITED,
                        "At most " + config.maxStreamsPerClient() + " open streams per client; close one first");
            }
            leases.add(lease);
        }
        if (verified.expiresAt() != null) {
            long delay = Math.max(
                            0,
                            Duration.between(Instant.now(), verified.expiresAt())
                                    .toMillis())
                    + 1000;
            clock.schedule(() -> recheck(lease), delay, TimeUnit.MILLISECONDS);
        }
        return lease;
    }

    private void startClock() {
        if (started.compareAndSet(false, true)) {
            long every = config.authorityCheckInterval().toMillis();
            clock.scheduleWithFixedDelay(this::recheckAll, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private void recheckAll() {
        for (Set<Lease> leases : open.values()) {
            for (Lease lease : Set.copyOf(leases)) {
                recheck(lease);
            }
        }
    }

    private void recheck(Lease lease) {
        if (!lease.isOpen()) {
            return;
        }
        try {
            verify(lease.token, lease.scope);
        } catch (DomainException refusal) {
            if (refusal.code() == ErrorCode.UNAVAILABLE || refusal.code() == ErrorCode.RATE_LIMITED) {
                return; // not the caller's loss of access: check again next round
            }
            lease.close();
            try {
                lease.stream.end(refusal);
            } catch (RuntimeException e) {
                LOG.debugf("Ending a stream failed: %s", e.toString());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Re-checking a stream failed: %s", e.toString());
        }
    }

    /** Callers verify on a worker thread already, so "blocking" work runs in place. */
    private static final AuthenticationRequestContext BLOCKING_HERE = new AuthenticationRequestContext() {
        @Override
        public Uni<SecurityIdentity> runBlocking(Supplier<SecurityIdentity> function) {
            return Uni.createFrom().item(function);
        }
    };

    private static String bare(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return null;
        }
        String value = authorization.trim();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            value = value.substring(7).trim();
        }
        return value.isEmpty() ? null : value;
    }

    /** On SIGTERM, before the drain waits for requests: open streams end so their clients reconnect elsewhere. */
    void drain(@Observes ShutdownDelayInitiatedEvent event) {
        DomainException leaving =
                new DomainException(ErrorCode.UNAVAILABLE, "This instance is shutting down; reconnect to resume");
        for (Set<Lease> leases : open.values()) {
            for (Lease lease : Set.copyOf(leases)) {
                lease.close();
                try {
                    lease.stream.end(leaving);
                } catch (RuntimeException e) {
                    LOG.debugf("Ending a stream failed: %s", e.toString());
                }
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        clock.shutdownNow();
    }
}
