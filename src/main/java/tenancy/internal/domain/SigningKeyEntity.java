package tenancy.internal.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A token signing key shared by all instances; the private half is stored encrypted. */
@Entity
@Table(schema = "tenancy", name = "signing_keys")
public class SigningKeyEntity extends PanacheEntityBase {

    @Id
    public String kid;

    public String algorithm;

    @Column(name = "public_jwk")
    public String publicJwk;

    @Column(name = "private_key")
    public String privateKeyCiphertext;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "retired_at")
    public Instant retiredAt;
}
