package tenancy.internal.security;

import jakarta.enterprise.context.ApplicationScoped;
import platform.error.DependencyFailures;

/** The OIDC provider (its discovery or keys) could not be reached: the caller may retry, it is not refused. */
@ApplicationScoped
public class IdentityProviderFailures implements DependencyFailures {

    @Override
    public String unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.quarkus.oidc.OIDCException
                    || t instanceof io.quarkus.oidc.common.runtime.OidcEndpointAccessException
                    || t instanceof java.net.ConnectException
                    || t instanceof io.vertx.core.http.HttpClosedException
                    || t instanceof java.util.concurrent.TimeoutException) {
                return "The identity provider is not reachable; retry shortly";
            }
        }
        return null;
    }
}
