package inventory.internal.web;

import apidoc.ApiFormats;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shape of {@code PATCH /v1/products/{sku}} for the OpenAPI document: the patchable members of a
 * product. The body itself is read by {@link ProductPatchReader}, which knows absent from null.
 */
@Schema(name = "ProductPatch", description = "JSON merge patch (RFC 7396) of a product: absent members stay")
public record ProductPatchRequest(
        @Schema(minLength = 1, maxLength = 200) String name,

        @Schema(nullable = true, maxLength = 4000, description = "null clears it")
        String description,

        @Schema(pattern = ApiFormats.MONEY_INPUT, examples = "9.80")
        String unitPrice,

        @Schema(nullable = true, maxProperties = 100, description = "replaces every attribute; null clears them")
        Map<String, Object> attributes,

        @Schema(description = "false retires the product") Boolean active) {}
