package inventory.internal.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A product as the API shows it. */
@Schema(name = "Product")
public record ProductView(
        UUID id,
        String sku,
        String name,
        String description,

        @Schema(description = "list price, money string", examples = "9.80")
        String unitPrice,

        Map<String, Object> attributes,
        boolean active,
        long version,
        Instant createdAt,
        Instant updatedAt) {}
