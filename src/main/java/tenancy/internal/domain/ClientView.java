package tenancy.internal.domain;

import apidoc.ApiFormats;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A client as the API shows it to operators and to the client itself (PII decrypted). */
@Schema(
        name = "Client",
        requiredProperties = {
            "id",
            "name",
            "currency",
            "creditLimit",
            "discountPercent",
            "rateLimitPerMinute",
            "contactEmail",
            "taxId",
            "status",
            "version",
            "createdAt",
            "updatedAt",
            "quoteHoldDuration",
            "backorderPolicy",
            "allowPartialShipment"
        })
public record ClientView(
        UUID id,
        String name,

        @Schema(description = "ISO 4217 code", examples = "EUR")
        String currency,

        @Schema(description = "money string", examples = "50000.00", pattern = ApiFormats.MONEY)
        String creditLimit,

        @Schema(examples = "2.50") BigDecimal discountPercent,

        @Schema(description = "effective requests per minute")
        int rateLimitPerMinute,

        @Schema(nullable = true) String contactEmail,
        @Schema(nullable = true) String taxId,
        @Schema(enumeration = {"active", "suspended"}) String status,
        long version,
        Instant createdAt,
        Instant updatedAt,

        @Schema(
                nullable = true,
                examples = "PT72H",
                description = "how long this client's quotes hold stock; null: the configured default")
        String quoteHoldDuration,

        @Schema(
                enumeration = {"reject", "backorder"},
                description = "what this client's orders do with lines short of stock, unless an order says: reject"
                        + " the order (the default) or reserve what is there and queue the rest")
        String backorderPolicy,

        @Schema(description = "whether this client's orders may go to processing before every unit is allocated")
        boolean allowPartialShipment) {}
