package orders;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where an order goes; stored encrypted. */
@Schema(
        name = "ShipTo",
        requiredProperties = {"name", "line1", "city", "postalCode", "country"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ShipTo(
        @Schema(minLength = 1, maxLength = 200) String name,
        @Schema(minLength = 1, maxLength = 200) String line1,
        @Schema(nullable = true, maxLength = 200) String line2,
        @Schema(minLength = 1, maxLength = 100) String city,
        @Schema(minLength = 1, maxLength = 20) String postalCode,

        @Schema(description = "ISO 3166-1 alpha-2", examples = "DE", pattern = "^[A-Z]{2}$")
        String country) {}
