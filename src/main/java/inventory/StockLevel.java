package inventory;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A SKU's stock as the API shows it, and as every {@code inventory.stock_changed} event carries it. */
@Schema(
        name = "StockLevel",
        requiredProperties = {"sku", "onHand", "reserved", "held", "available", "version", "updatedAt"})
public record StockLevel(
        String sku,
        long onHand,
        long reserved,
        @Schema(description = "units held by open quotes") long held,
        @Schema(description = "onHand - reserved - held") long available,
        long version,
        Instant updatedAt) {

    public static StockLevel of(String sku, long onHand, long reserved, long version, Instant updatedAt) {
        return of(sku, onHand, reserved, 0, version, updatedAt);
    }

    public static StockLevel of(String sku, long onHand, long reserved, long held, long version, Instant updatedAt) {
        return new StockLevel(sku, onHand, reserved, held, onHand - reserved - held, version, updatedAt);
    }
}
