package operations.internal.metrics;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import tenancy.Scopes;

/**
 * Lets Prometheus scrape /q/metrics with a long-lived static credential instead of a 15-minute OAuth
 * token, compared in constant time (as SHA-256 digests); everyone else needs an operator token with
 * {@code audit:read}, as before.
 */
@ApplicationScoped
public class MetricsScrapePolicy implements HttpSecurityPolicy {

    static final String READER_ROLE = Scopes.AUDIT_READ;
    private static final int MIN_LENGTH = 32;

    private final Optional<byte[]> expected;

    MetricsScrapePolicy(MetricsConfig config) {
        config.scrapeToken().ifPresent(token -> {
            if (token.strip().length() < MIN_LENGTH) {
                throw new IllegalStateException(
                        "quartermaster.metrics.scrape-token must be at least " + MIN_LENGTH + " characters");
            }
        });
        this.expected = config.scrapeToken().map(token -> sha256(token.strip()));
    }

    @Override
    public String name() {
        return "metrics-scrape";
    }

    @Override
    public Uni<CheckResult> checkPermission(
            RoutingContext request, Uni<SecurityIdentity> identity, AuthorizationRequestContext context) {
        if (expected.isPresent() && presentsScrapeToken(request.request().getHeader("Authorization"))) {
            return CheckResult.permit();
        }
        return identity.map(id -> id.hasRole(READER_ROLE) ? CheckResult.PERMIT : CheckResult.DENY);
    }

    private boolean presentsScrapeToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(
                expected.get(), sha256(authorization.substring(7).strip()));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
