package orders;

import apidoc.ApiFormats;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A quote as {@code GET /v1/quotes/{id}} shows it, and as every quote event carries it. */
@Schema(
        name = "Quote",
        requiredProperties = {
            "id",
            "clientId",
            "externalRef",
            "status",
            "currency",
            "expiresAt",
            "lines",
            "total",
            "notes",
            "orderId",
            "createdAt",
            "updatedAt",
            "version"
        })
public record QuoteView(
        UUID id,
        UUID clientId,

        @Schema(nullable = true, description = "the client's reference")
        String externalRef,

        @Schema(enumeration = {"open", "accepted", "cancelled", "expired"})
        String status,

        @Schema(description = "ISO 4217, the client's", pattern = ApiFormats.CURRENCY)
        String currency,

        @Schema(description = "while open, the stock stays held until then")
        Instant expiresAt,

        List<Line> lines,

        @Schema(description = "money string", examples = "11340.00", pattern = ApiFormats.MONEY)
        String total,

        @Schema(nullable = true) String notes,

        @Schema(nullable = true, description = "the order it became, once accepted")
        UUID orderId,

        Instant createdAt,
        Instant updatedAt,
        long version) {

    /** One quoted line, priced when the quote was made; accepting orders it at exactly this price. */
    @Schema(
            name = "QuoteLine",
            requiredProperties = {"sku", "quantity", "unitPrice", "lineTotal"})
    public record Line(
            String sku,
            long quantity,

            @Schema(description = "money string", pattern = ApiFormats.MONEY)
            String unitPrice,

            @Schema(description = "money string", pattern = ApiFormats.MONEY)
            String lineTotal) {}
}
