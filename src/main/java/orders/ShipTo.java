package orders;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where an order goes; stored encrypted. */
@Schema(name = "ShipTo")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ShipTo(
        String name,
        String line1,
        String line2,
        String city,
        String postalCode,

        @Schema(description = "ISO 3166-1 alpha-2", examples = "DE")
        String country) {}
