package inventory.internal.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PUT /v1/inventory/{sku}}: the counted on-hand quantity. */
@Schema(name = "SetStockRequest")
public record SetStockRequest(
        @NotNull @Min(0) @Max(1_000_000_000_000L) Long onHand) {}
