package inventory.internal.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A catalog product. Products are retired ({@code active = false}), never deleted. */
@Entity
@Table(schema = "inventory", name = "products")
public class ProductEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    public String sku;

    public String name;

    public String description;

    @Column(name = "unit_price")
    public BigDecimal unitPrice;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> attributes;

    public boolean active;

    @Version
    public Long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
