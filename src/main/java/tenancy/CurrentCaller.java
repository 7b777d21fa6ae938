package tenancy;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The {@link Caller} of the current request, read from the verified bearer token. */
@RequestScoped
public class CurrentCaller {

    private final SecurityIdentity identity;
    private Caller caller;

    CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller get() {
        if (caller == null) {
            Optional<UUID> tenant = Optional.empty();
            String subject = identity.getPrincipal() == null
                    ? null
                    : identity.getPrincipal().getName();
            if (identity.getPrincipal() instanceof JsonWebToken jwt) {
                subject = jwt.getSubject();
                tenant = platform.web.TokenClaims.tenant(jwt);
            }
            caller = new Caller(subject, tenant, Set.copyOf(identity.getRoles()));
        }
        return caller;
    }
}
