package tenancy;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: the credential behind the bearer token, the client (tenant) it acts for, absent for
 * operators, and the scopes granted. The tenant always comes from the token, never from the request.
 */
public record Caller(String subject, Optional<UUID> tenantId, Set<String> scopes) {

    public boolean isOperator() {
        return tenantId.isEmpty();
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /** Whether this caller is the given client itself. */
    public boolean is(UUID clientId) {
        return tenantId.map(clientId::equals).orElse(false);
    }
}
