package orders.internal.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One line of an order with the price frozen when the order was placed. */
@Schema(name = "OrderItem")
public record OrderItemView(
        int lineNo,
        String sku,
        long quantity,
        @Schema(description = "money string") String unitPrice,
        @Schema(description = "money string") String lineTotal) {}
