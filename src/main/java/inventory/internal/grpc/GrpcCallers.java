package inventory.internal.grpc;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import platform.error.DomainException;
import platform.error.ErrorCode;
import tenancy.Caller;
import tenancy.CurrentCaller;
import tenancy.StreamGrant;
import tenancy.TenancyApi;

/**
 * The door of every gRPC call: its bearer token is verified the way every HTTP request's is (signature, expiry,
 * credential status, suspension, the caller's rate-limit bucket), since a gRPC call has no HTTP request for the
 * security layer to run on. What an open watch may keep afterwards is its {@link StreamGrant}, which the one
 * stream guard ({@code inventory.internal.messaging.StreamGuard}) re-checks like every WebSocket and SSE stream.
 */
@ApplicationScoped
public class GrpcCallers {

    private static final Logger LOG = Logger.getLogger(GrpcCallers.class);

    private final TenantIdentityProvider tokens;
    private final List<SecurityIdentityAugmentor> augmentors;
    private final TenancyApi tenancy;

    GrpcCallers(
            TenantIdentityProvider tokens, @Any Instance<SecurityIdentityAugmentor> augmentors, TenancyApi tenancy) {
        this.tokens = tokens;
        // the order the security layer applies them in: highest priority first
        this.augmentors = augmentors.stream()
                .sorted(Comparator.comparingInt(SecurityIdentityAugmentor::priority)
                        .reversed())
                .toList();
        this.tenancy = tenancy;
    }

    /** A verified caller, and what a stream it opens may keep (its expiry, credential and holder). */
    public record Verified(Caller caller, StreamGrant grant) {}

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
            LOG.warnf("Could not verify a gRPC token: %s", e.toString());
            throw new DomainException(ErrorCode.UNAVAILABLE, "The token could not be verified; retry shortly");
        }
        if (identity == null || identity.isAnonymous()) {
            throw new DomainException(ErrorCode.UNAUTHORIZED, "A valid bearer token is required");
        }
        Caller caller = CurrentCaller.of(identity);
        if (!caller.hasScope(scope)) {
            throw new DomainException(ErrorCode.INSUFFICIENT_SCOPE, "This call needs the scope " + scope);
        }
        return new Verified(caller, tenancy.grantOf(identity.getPrincipal()));
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
}
