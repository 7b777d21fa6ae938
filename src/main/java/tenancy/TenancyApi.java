package tenancy;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import tenancy.internal.domain.ClientTermsRepository;

/** The tenancy module's entry point for other modules: reads of client terms, never entities. */
@ApplicationScoped
public class TenancyApi {

    private final ClientTermsRepository terms;
    private final tenancy.internal.security.CredentialStatusRepository credentials;
    private final String issuer;

    TenancyApi(
            ClientTermsRepository terms,
            tenancy.internal.security.CredentialStatusRepository credentials,
            tenancy.internal.domain.TokenConfig tokens) {
        this.terms = terms;
        this.credentials = credentials;
        this.issuer = tokens.issuer();
    }

    /**
     * What a stream opened with this principal may keep: its token's expiry, and for our own tokens the
     * credential to re-check. Null when the principal is not a bearer token.
     */
    public StreamGrant grantOf(java.security.Principal principal) {
        if (!(principal instanceof org.eclipse.microprofile.jwt.JsonWebToken jwt)) {
            return null;
        }
        java.time.Instant expiresAt =
                jwt.getExpirationTime() > 0 ? java.time.Instant.ofEpochSecond(jwt.getExpirationTime()) : null;
        UUID credential = null;
        if (issuer.equals(jwt.getIssuer())) {
            try {
                credential = UUID.fromString(jwt.getSubject());
            } catch (IllegalArgumentException | NullPointerException e) {
                credential = null;
            }
        }
        Object tenant = jwt.getClaim("tenant");
        String holder = tenant != null ? "client:" + tenant.toString().replace("\"", "") : "sub:" + jwt.getSubject();
        return new StreamGrant(credential, expiresAt, holder);
    }

    /** The standing of these credentials now, read from the database (shared by every instance). */
    public java.util.Map<UUID, StreamGrant.Standing> standings(java.util.Collection<UUID> credentialIds) {
        if (credentialIds.isEmpty()) {
            return java.util.Map.of();
        }
        return credentials.standings(credentialIds);
    }

    /** How long the client's quotes hold stock, when an operator set it (else the caller's default). */
    public Optional<java.time.Duration> quoteHoldDuration(UUID clientId) {
        return terms.quoteHold(clientId);
    }

    /** The terms of a client, or empty when there is no such client. One indexed read, in the caller's transaction. */
    public Optional<ClientTerms> terms(UUID clientId) {
        return terms.find(clientId);
    }
}
