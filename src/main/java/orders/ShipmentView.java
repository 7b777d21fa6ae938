package orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A shipment as {@code GET /v1/orders/{id}/shipments/{shipmentId}} shows it, and as its events carry it. */
@Schema(
        name = "Shipment",
        requiredProperties = {
            "id",
            "orderId",
            "clientId",
            "status",
            "carrier",
            "trackingNumber",
            "lines",
            "createdAt",
            "updatedAt",
            "deliveredAt",
            "version"
        })
public record ShipmentView(
        UUID id,
        UUID orderId,
        UUID clientId,

        @Schema(enumeration = {"shipped", "delivered"}) String status,

        @Schema(nullable = true) String carrier,

        @Schema(nullable = true) String trackingNumber,

        List<Line> lines,
        Instant createdAt,
        Instant updatedAt,

        @Schema(nullable = true, description = "when it was marked delivered")
        Instant deliveredAt,

        long version) {

    /** Units of one order line that left in this shipment. */
    @Schema(
            name = "ShipmentLine",
            requiredProperties = {"sku", "quantity"})
    public record Line(String sku, long quantity) {}
}
