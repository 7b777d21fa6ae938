package orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An order as {@code GET /v1/orders/{id}} shows it, and as every order event carries it. */
@Schema(name = "Order")
public record OrderView(
        UUID id,
        UUID clientId,
        String externalRef,

        @Schema(enumeration = {"pending", "processing", "shipped", "delivered", "cancelled"})
        String status,

        @Schema(enumeration = {"low", "normal", "high", "urgent"})
        String priority,

        String currency,
        int lineCount,

        @Schema(description = "money string", examples = "11340.00")
        String total,

        ShipTo shipTo,
        String notes,
        String trackingNumber,
        Instant createdAt,
        Instant updatedAt,
        long version,
        List<StatusChange> statusHistory) {

    /** One step of an order's life: what it became, when, and by whom (a credential id). */
    @Schema(name = "StatusChange")
    public record StatusChange(String status, Instant at, String by) {}
}
