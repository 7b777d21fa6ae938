package inventory;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A SKU's stock as the API shows it, and as every {@code inventory.stock_changed} event carries it. */
@Schema(
        name = "StockLevel",
        requiredProperties = {"sku", "onHand", "reserved", "available", "version", "updatedAt"})
public record StockLevel(
        String sku,
        long onHand,
        long reserved,
        @Schema(description = "onHand - reserved") long available,
        long version,
        Instant updatedAt) {

    public static StockLevel of(String sku, long onHand, long reserved, long version, Instant updatedAt) {
        return new StockLevel(sku, onHand, reserved, onHand - reserved, version, updatedAt);
    }
}
