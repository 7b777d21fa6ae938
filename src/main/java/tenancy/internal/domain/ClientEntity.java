package tenancy.internal.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A business client (tenant). Contact e-mail and tax id are stored encrypted. */
@Entity
@Table(schema = "tenancy", name = "clients")
public class ClientEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    @Column(columnDefinition = "char(3)")
    public String currency;

    @Column(name = "credit_limit")
    public BigDecimal creditLimit;

    @Column(name = "discount_percent")
    public BigDecimal discountPercent;

    @Column(name = "rate_limit_per_minute")
    public Integer rateLimitPerMinute;

    @Column(name = "quote_hold_seconds")
    public Long quoteHoldSeconds;

    @Column(name = "backorder_policy")
    public String backorderPolicy = "reject";

    @Column(name = "allow_partial_shipment")
    public boolean allowPartialShipment;

    @Column(name = "contact_email")
    public String contactEmailCiphertext;

    @Column(name = "tax_id")
    public String taxIdCiphertext;

    public String status;

    @Version
    public Long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean isSuspended() {
        return ClientStatus.SUSPENDED.value().equals(status);
    }
}
