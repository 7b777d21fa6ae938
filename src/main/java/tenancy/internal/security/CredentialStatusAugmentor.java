package tenancy.internal.security;

import io.agroal.api.AgroalDataSource;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import tenancy.internal.domain.ClientSuspendedException;
import tenancy.internal.domain.TokenConfig;

/**
 * A signature proves who a token was issued to, not that the credential is still valid. For tokens we
 * issued, this check reads the credential and its client on every request: a revoked credential's
 * tokens stop at once (401), a suspended client's are refused with 403 {@code client_suspended}.
 * Tokens from an external provider (another issuer) are left to that provider.
 */
@ApplicationScoped
public class CredentialStatusAugmentor implements SecurityIdentityAugmentor {

    private static final String SQL = """
            SELECT c.status, c.client_id, cl.status
              FROM tenancy.credentials c LEFT JOIN tenancy.clients cl ON cl.id = c.client_id
             WHERE c.id = ?""";

    private final AgroalDataSource dataSource;
    private final String issuer;

    CredentialStatusAugmentor(AgroalDataSource dataSource, TokenConfig config) {
        this.dataSource = dataSource;
        this.issuer = config.issuer();
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || !issuer.equals(jwt.getIssuer())) {
            return Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> {
            check(jwt);
            return identity;
        });
    }

    private void check(JsonWebToken jwt) {
        UUID credentialId;
        try {
            credentialId = UUID.fromString(jwt.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new AuthenticationFailedException("token subject is not a credential");
        }
        Object tenantClaim = jwt.getClaim("tenant");
        String tenant = tenantClaim == null ? null : tenantClaim.toString().replace("\"", "");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.setObject(1, credentialId);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next() || !"active".equals(row.getString(1))) {
                    throw new AuthenticationFailedException("credential revoked or unknown");
                }
                String clientId = row.getString(2);
                if (!Objects.equals(clientId, tenant)) {
                    throw new AuthenticationFailedException("token tenant does not match its credential");
                }
                if ("suspended".equals(row.getString(3))) {
                    throw ClientSuspendedException.create();
                }
            }
        } catch (SQLException e) {
            throw new platform.error.DomainException(platform.error.ErrorCode.UNAVAILABLE,
                    "The credential store is not reachable; retry shortly");
        }
    }
}
