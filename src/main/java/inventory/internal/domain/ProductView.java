package inventory.internal.domain;

import apidoc.ApiFormats;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A product as the API shows it. */
@Schema(
        name = "Product",
        requiredProperties = {
            "id",
            "sku",
            "name",
            "description",
            "unitPrice",
            "attributes",
            "active",
            "version",
            "createdAt",
            "updatedAt"
        })
public record ProductView(
        UUID id,
        String sku,
        String name,
        @Schema(nullable = true) String description,

        @Schema(description = "list price, money string", examples = "9.80", pattern = ApiFormats.MONEY)
        String unitPrice,

        @Schema(nullable = true, description = "free-form JSON object")
        Map<String, Object> attributes,

        boolean active,
        long version,
        Instant createdAt,
        Instant updatedAt) {}
