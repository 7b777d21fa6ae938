package orders.internal.domain;

import apidoc.ApiFormats;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One line of an order with the price frozen when the order was placed. */
@Schema(
        name = "OrderItem",
        requiredProperties = {"lineNo", "sku", "quantity", "unitPrice", "lineTotal", "allocated", "backordered"})
@org.eclipse.microprofile.graphql.Type("OrderItem")
public record OrderItemView(
        int lineNo,
        String sku,
        long quantity,

        @Schema(description = "money string", pattern = ApiFormats.MONEY)
        String unitPrice,

        @Schema(description = "money string", pattern = ApiFormats.MONEY)
        String lineTotal,

        @Schema(description = "units reserved for this line; equals quantity unless the line is backordered")
        long allocated,

        @Schema(description = "units still waiting for stock in the backorder queue (quantity - allocated)")
        long backordered) {}
