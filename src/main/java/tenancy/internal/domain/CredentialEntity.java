package tenancy.internal.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * What authenticates at the token endpoint. Client credentials keep an HMAC of their generated secret;
 * the operator credential (no client) keeps a slow KDF hash of the secret a person chose.
 */
@Entity
@Table(schema = "tenancy", name = "credentials")
public class CredentialEntity extends PanacheEntityBase {

    public static final String ACTIVE = "active";
    public static final String REVOKED = "revoked";

    @Id
    public UUID id;

    @Column(name = "client_id")
    public UUID clientId;

    @Column(name = "oauth_client_id")
    public String oauthClientId;

    public String name;

    /** Space-separated, as in the token's {@code scope} claim. */
    public String scopes;

    @Column(name = "secret_hmac")
    public byte[] secretHmac;

    @Column(name = "secret_kdf")
    public String secretKdf;

    public String status;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    public Set<String> scopeSet() {
        return new LinkedHashSet<>(Arrays.asList(scopes.split(" ")));
    }

    public boolean isActive() {
        return ACTIVE.equals(status);
    }
}
