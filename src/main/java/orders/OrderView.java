package orders;

import apidoc.ApiFormats;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An order as {@code GET /v1/orders/{id}} shows it, and as every order event carries it. */
@Schema(
        name = "Order",
        requiredProperties = {
            "id",
            "clientId",
            "externalRef",
            "status",
            "priority",
            "currency",
            "lineCount",
            "total",
            "shipTo",
            "notes",
            "trackingNumber",
            "createdAt",
            "updatedAt",
            "version",
            "statusHistory",
            "backorderPolicy",
            "backordered"
        })
@org.eclipse.microprofile.graphql.Type("Order")
public record OrderView(
        UUID id,
        UUID clientId,

        @Schema(nullable = true, description = "the client's PO number")
        String externalRef,

        @Schema(enumeration = {"pending", "processing", "shipped", "delivered", "cancelled"})
        String status,

        @Schema(enumeration = {"low", "normal", "high", "urgent"})
        String priority,

        @Schema(description = "ISO 4217, the client's", pattern = ApiFormats.CURRENCY)
        String currency,

        int lineCount,

        @Schema(description = "money string", examples = "11340.00", pattern = ApiFormats.MONEY)
        String total,

        @Schema(nullable = true) ShipTo shipTo,
        @Schema(nullable = true) String notes,

        @Schema(nullable = true, description = "set when shipped")
        String trackingNumber,

        Instant createdAt,
        Instant updatedAt,
        long version,
        List<StatusChange> statusHistory,

        @Schema(
                enumeration = {"reject", "backorder"},
                description = "what the order did with short lines: reject the order, or reserve what was there"
                        + " and queue the rest (per line: allocated, backordered)")
        String backorderPolicy,

        @Schema(description = "units of all lines still waiting for stock; 0 when fully allocated")
        long backordered) {

    /** One step of an order's life: what it became, when, and by whom (a credential id). */
    @Schema(
            name = "StatusChange",
            requiredProperties = {"status", "at", "by"})
    public record StatusChange(
            @Schema(enumeration = {"pending", "processing", "shipped", "delivered", "cancelled"})
            String status,

            Instant at,

            @Schema(nullable = true, description = "the credential id that made the change")
            String by) {}
}
