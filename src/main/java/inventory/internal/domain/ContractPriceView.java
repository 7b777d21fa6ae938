package inventory.internal.domain;

import apidoc.ApiFormats;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A client's contract price for one SKU, as quantity tiers. */
@Schema(
        name = "ContractPrice",
        requiredProperties = {"clientId", "sku", "tiers", "version", "updatedAt"})
public record ContractPriceView(UUID clientId, String sku, List<Tier> tiers, long version, Instant updatedAt) {

    /** One tier as shown: money as a string. */
    @Schema(
            name = "PriceTier",
            requiredProperties = {"minQuantity", "unitPrice"})
    public record Tier(
            int minQuantity,

            @Schema(pattern = ApiFormats.MONEY, examples = "9.10")
            String unitPrice) {}
}
