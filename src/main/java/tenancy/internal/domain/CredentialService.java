package tenancy.internal.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import platform.audit.AuditWriter;
import platform.error.Validation;
import platform.id.Ids;
import tenancy.Scopes;

/**
 * Issues and revokes client credentials. The secret is generated here, returned once and stored only
 * as a keyed hash. A revoked credential gets no new token, and its tokens are refused from the next
 * request on (the bearer check reads the credential's state).
 */
@ApplicationScoped
public class CredentialService {

    private final SecretHasher hasher;
    private final Event<CredentialsChanged> changed;
    private final AuditWriter audit;

    CredentialService(SecretHasher hasher, Event<CredentialsChanged> changed, AuditWriter audit) {
        this.audit = audit;
        this.hasher = hasher;
        this.changed = changed;
    }

    @Transactional
    public CredentialView create(UUID clientId, String name, List<String> scopes) {
        ClientEntity client = ClientEntity.findById(clientId);
        if (client == null) {
            throw ClientNotFoundException.of(clientId);
        }
        Set<String> granted = validScopes(scopes);
        String secret = hasher.newSecret();
        CredentialEntity credential = new CredentialEntity();
        credential.id = Ids.newId();
        credential.clientId = clientId;
        credential.oauthClientId = clientId.toString();
        credential.name = name == null || name.isBlank() ? "default" : name.trim();
        credential.scopes = String.join(" ", granted);
        credential.secretHmac = hasher.hash(secret);
        credential.status = CredentialEntity.ACTIVE;
        credential.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        credential.persist();
        audit.record(
                "credential.created",
                credential.id.toString(),
                java.util.Map.of("clientId", clientId.toString(), "scopes", credential.scopes));
        return view(credential, secret);
    }

    @Transactional
    public List<CredentialView> list(UUID clientId) {
        if (ClientEntity.findById(clientId) == null) {
            throw ClientNotFoundException.of(clientId);
        }
        List<CredentialEntity> rows = CredentialEntity.list("clientId = ?1 ORDER BY createdAt, id", clientId);
        return rows.stream().map(c -> view(c, null)).toList();
    }

    @Transactional
    public void revoke(UUID clientId, UUID credentialId) {
        CredentialEntity credential = CredentialEntity.findById(credentialId);
        if (credential == null || !clientId.equals(credential.clientId)) {
            throw CredentialNotFoundException.of(credentialId);
        }
        if (credential.isActive()) {
            credential.status = CredentialEntity.REVOKED;
            credential.revokedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            changed.fire(new CredentialsChanged());
            audit.record(
                    "credential.revoked", credentialId.toString(), java.util.Map.of("clientId", clientId.toString()));
        }
    }

    private static Set<String> validScopes(List<String> scopes) {
        if (scopes == null) {
            return new LinkedHashSet<>(
                    Scopes.ALL.stream().filter(Scopes.CLIENT::contains).toList());
        }
        Validation validation = new Validation();
        if (scopes.isEmpty()) {
            validation.add("/scopes", "empty", "at least one scope is needed");
        }
        Set<String> granted = new LinkedHashSet<>();
        for (int i = 0; i < scopes.size(); i++) {
            String scope = scopes.get(i);
            if (scope == null || !Scopes.ALL.contains(scope)) {
                validation.add("/scopes/" + i, "unknown_scope", "unknown scope " + scope);
            } else if (!Scopes.CLIENT.contains(scope)) {
                validation.add(
                        "/scopes/" + i,
                        "operator_scope",
                        scope + " is an operator scope; a client credential may hold only " + clientScopes());
            } else {
                granted.add(scope);
            }
        }
        validation.throwIfInvalid();
        return granted;
    }

    private static String clientScopes() {
        return String.join(
                ", ",
                new ArrayList<>(
                        Scopes.ALL.stream().filter(Scopes.CLIENT::contains).toList()));
    }

    private static CredentialView view(CredentialEntity c, String secret) {
        return new CredentialView(
                c.id, c.oauthClientId, secret, c.name, List.copyOf(c.scopeSet()), c.status, c.createdAt, c.revokedAt);
    }
}
