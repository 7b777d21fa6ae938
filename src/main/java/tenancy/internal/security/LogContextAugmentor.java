package tenancy.internal.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.vertx.core.runtime.VertxMDC;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Puts the caller on every log line of its request: {@code clientId} (the token's tenant, or
 * {@code operator}). Never the token or the credential's secret.
 */
@ApplicationScoped
public class LogContextAugmentor implements SecurityIdentityAugmentor {

    public static final String MDC_KEY = "clientId";

    @Override
    public int priority() {
        return -100; // after the credential check: a refused token is not logged as a caller
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!identity.isAnonymous()) {
            String client = TokenClaims.tenant(identity).map(Object::toString).orElse("operator");
            VertxMDC.INSTANCE.put(MDC_KEY, client);
        }
        return Uni.createFrom().item(identity);
    }
}
