package tenancy;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import tenancy.internal.security.TokenClaims;

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
            caller = of(identity);
        }
        return caller;
    }

    /** The caller behind an identity that is already established (for code that runs outside a request scope). */
    public static Caller of(SecurityIdentity identity) {
        Optional<UUID> tenant = Optional.empty();
        String subject =
                identity.getPrincipal() == null ? null : identity.getPrincipal().getName();
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            subject = jwt.getSubject();
            tenant = TokenClaims.tenant(identity);
        }
        return new Caller(subject, tenant, Set.copyOf(identity.getRoles()));
    }
}
