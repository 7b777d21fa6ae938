package tenancy.internal.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;
import tenancy.internal.domain.ClientSuspendedException;
import tenancy.internal.domain.CredentialsChanged;
import tenancy.internal.domain.TokenConfig;

/**
 * A signature proves who a token was issued to, not that the credential is still valid. For tokens we
 * issued, this check reads the credential and its client (cached for a few seconds, and forgotten as soon
 * as a revocation or suspension commits on this instance): a revoked credential's tokens get 401, a
 * suspended client's 403 {@code client_suspended}. Then it takes one token from the caller's rate-limit
 * bucket (per client, or per operator credential) and puts the {@code RateLimit-*} headers on the answer.
 * Tokens from an external provider (another issuer) are left to that provider, except whom they act for:
 * the client in the configured tenant claim, or an operator only with the configured marker.
 */
@ApplicationScoped
public class CredentialStatusAugmentor implements SecurityIdentityAugmentor {

    private static final int CLIENT_BURST = 100;
    private static final int OPERATOR_BURST = 1000;

    private final CredentialStatusRepository credentials;
    private final RateLimiter limiter;
    private final ExternalIdentityConfig external;
    private final String issuer;
    private final long ttlNanos;
    private final Map<UUID, State> cache = new ConcurrentHashMap<>();

    CredentialStatusAugmentor(
            CredentialStatusRepository credentials,
            RateLimiter limiter,
            TokenConfig config,
            ExternalIdentityConfig external) {
        this.credentials = credentials;
        this.limiter = limiter;
        this.external = external;
        this.issuer = config.issuer();
        this.ttlNanos = config.credentialStatusCacheTtl().toNanos();
    }

    /** What the database said of a credential, and when. */
    private record State(boolean active, String clientId, boolean suspended, Integer rateLimitPerMinute, long readAt) {}

    /** Forgets every cached state once a revocation or suspension has committed. */
    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) CredentialsChanged event) {
        cache.clear();
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        return augment(identity, context, Map.of());
    }

    @Override
    public Uni<SecurityIdentity> augment(
            SecurityIdentity identity, AuthenticationRequestContext context, Map<String, Object> attributes) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        RoutingContext fromAttributes = HttpSecurityUtils.getRoutingContextAttribute(attributes);
        RoutingContext rc =
                fromAttributes != null ? fromAttributes : HttpSecurityUtils.getRoutingContextAttribute(identity);
        if (!issuer.equals(jwt.getIssuer())) { // an external provider's token: limited by subject at the default rate
            SecurityIdentity decided = decided(identity, externalCaller(jwt));
            return limit(
                    decided, rc, "sub:" + jwt.getSubject(), limiter.config().defaultPerMinute(), CLIENT_BURST);
        }
        State cached = cached(jwt);
        State[] loaded = new State[1];
        Uni<State> state = cached != null
                ? Uni.createFrom().item(cached)
                : context.runBlocking(() -> {
                            loaded[0] = load(jwt);
                            return identity;
                        })
                        .map(ignored -> loaded[0]);
        return state.flatMap(s -> {
            verify(jwt, s);
            SecurityIdentity decided =
                    decided(identity, s.clientId() == null ? TokenClaims.OPERATOR : UUID.fromString(s.clientId()));
            if (s.clientId() == null) {
                return limit(
                        decided,
                        rc,
                        "operator:" + jwt.getSubject(),
                        limiter.config().operatorPerMinute(),
                        OPERATOR_BURST);
            }
            int perMinute = s.rateLimitPerMinute() != null
                    ? s.rateLimitPerMinute()
                    : limiter.config().defaultPerMinute();
            return limit(decided, rc, "client:" + s.clientId(), perMinute, CLIENT_BURST);
        });
    }

    /**
     * Whom an external token acts for: the client in its tenant claim, else an operator when it carries the
     * configured operator marker; a token with neither is refused (a missing claim never grants more).
     */
    private Object externalCaller(JsonWebToken jwt) {
        Optional<UUID> tenant = TokenClaims.tenantClaim(jwt, external.tenantClaim());
        if (tenant.isPresent()) {
            return tenant.get();
        }
        if (external.operatorClaim()
                .map(claim -> TokenClaims.holds(jwt, claim, external.operatorValue()))
                .orElse(false)) {
            return TokenClaims.OPERATOR;
        }
        throw new platform.error.DomainException(
                platform.error.ErrorCode.INVALID_TOKEN, "The token names neither a client nor an operator");
    }

    /**
     * The identity with whom it acts for; a client keeps only the scopes a client may hold, whatever an
     * external provider put into its token (operator scopes such as clients:admin need the operator marker).
     */
    private static SecurityIdentity decided(SecurityIdentity identity, Object caller) {
        if (!(caller instanceof UUID)) {
            return QuarkusSecurityIdentity.builder(identity)
                    .addAttribute(TokenClaims.CALLER_ATTRIBUTE, caller)
                    .build();
        }
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addAttribute(TokenClaims.CALLER_ATTRIBUTE, caller)
                .addRoles(identity.getRoles().stream()
                        .filter(tenancy.Scopes.CLIENT::contains)
                        .collect(java.util.stream.Collectors.toSet()))
                .build();
    }

    /** Takes a token from the bucket, puts the RateLimit headers on the answer, and refuses with 429 when empty. */
    private Uni<SecurityIdentity> limit(
            SecurityIdentity identity, RoutingContext rc, String key, int perMinute, int burst) {
        if (!limiter.config().enabled()) {
            return Uni.createFrom().item(identity);
        }
        return limiter.take(key, perMinute, burst).map(decision -> {
            if (rc != null) {
                rc.addHeadersEndHandler(v -> {
                    var headers = rc.response().headers();
                    headers.set("RateLimit-Limit", String.valueOf(decision.limit()));
                    if (decision.enforced()) {
                        headers.set("RateLimit-Remaining", String.valueOf(decision.remaining()));
                        headers.set("RateLimit-Reset", String.valueOf(decision.resetSeconds()));
                    }
                });
            }
            if (!decision.allowed()) {
                throw new platform.error.DomainException(
                                platform.error.ErrorCode.RATE_LIMITED,
                                "Rate limit of " + decision.limit() + " requests per minute exceeded; retry after "
                                        + decision.retryAfterSeconds() + " s")
                        .retryAfter(decision.retryAfterSeconds());
            }
            return identity;
        });
    }

    private State cached(JsonWebToken jwt) {
        UUID id;
        try {
            id = UUID.fromString(jwt.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
        State state = cache.get(id);
        return state != null && System.nanoTime() - state.readAt() < ttlNanos ? state : null;
    }

    private static void verify(JsonWebToken jwt, State state) {
        String tenant =
                TokenClaims.tenantClaim(jwt, "tenant").map(UUID::toString).orElse(null);
        if (!state.active()) {
            throw new AuthenticationFailedException("credential revoked or unknown");
        }
        if (!Objects.equals(state.clientId(), tenant)) {
            throw new AuthenticationFailedException("token tenant does not match its credential");
        }
        if (state.suspended()) {
            throw ClientSuspendedException.create();
        }
    }

    private static UUID credentialId(JsonWebToken jwt) {
        try {
            return UUID.fromString(jwt.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new AuthenticationFailedException("token subject is not a credential");
        }
    }

    private State load(JsonWebToken jwt) {
        UUID credentialId = credentialId(jwt);
        Optional<CredentialStatusRepository.Row> row;
        try {
            row = credentials.find(credentialId);
        } catch (RuntimeException e) {
            throw new platform.error.DomainException(
                    platform.error.ErrorCode.UNAVAILABLE, "The credential store is not reachable; retry shortly");
        }
        State state = row.map(r -> new State(
                        "active".equals(r.status()),
                        r.clientId(),
                        "suspended".equals(r.clientStatus()),
                        r.rateLimitPerMinute(),
                        System.nanoTime()))
                .orElseGet(() -> new State(false, null, false, null, System.nanoTime()));
        cache.put(credentialId, state);
        return state;
    }
}
