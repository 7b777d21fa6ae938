package tenancy.internal.web;

import apidoc.ApiFormats;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shape of {@code PATCH /v1/clients/{id}} for the OpenAPI document: the patchable members of a
 * client. The body itself is read by {@link ClientPatchReader}, which knows absent from null.
 */
@Schema(name = "ClientPatch", description = "JSON merge patch (RFC 7396) of a client: absent members stay")
public record ClientPatchRequest(
        @Schema(minLength = 1, maxLength = 200) String name,

        @Schema(pattern = ApiFormats.MONEY_INPUT, examples = "50000.00")
        String creditLimit,

        @Schema(minimum = "0", maximum = "100", multipleOf = 0.01)
        BigDecimal discountPercent,

        @Schema(nullable = true, minimum = "1", maximum = "1000000", description = "null: the default limit")
        Integer rateLimitPerMinute,

        @Schema(nullable = true, format = "email", maxLength = 254)
        String contactEmail,

        @Schema(nullable = true, minLength = 1, maxLength = 64)
        String taxId,

        @Schema(
                enumeration = {"active", "suspended"},
                description = "a suspended client's tokens are refused")
        String status,

        @Schema(
                nullable = true,
                examples = "PT72H",
                description = "how long this client's quotes hold stock, ISO 8601, PT1M to P30D; null: the default")
        String quoteHoldDuration,

        @Schema(
                enumeration = {"reject", "backorder"},
                description = "the default for this client's orders: reject short orders, or backorder short lines")
        String backorderPolicy,

        @Schema(description = "whether orders may go to processing partly allocated")
        Boolean allowPartialShipment) {}
