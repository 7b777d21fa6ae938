package inventory;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A SKU's stock as the API shows it, and as every {@code inventory.stock_changed} event carries it. */
@Schema(name = "StockLevel")
public record StockLevel(String sku, long onHand, long reserved, long available, long version, Instant updatedAt) {

    public static StockLevel of(String sku, long onHand, long reserved, long version, Instant updatedAt) {
        return new StockLevel(sku, onHand, reserved, onHand - reserved, version, updatedAt);
    }
}
