package inventory.internal.web;

import inventory.internal.domain.LocationService;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /v1/locations}. */
@Schema(name = "LocationInput")
public record LocationInput(
        @NotNull @Pattern(regexp = CODE, message = "must match " + CODE) @Schema(examples = "WH-EAST")
        String code,

        @NotBlank @Size(max = 200) String name,

        @Min(0) @Max(1_000_000) @Schema(description = "allocation order, lower first; default 100")
        Integer rank,

        @Schema(description = "default true") Boolean active) {

    static final String CODE = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

    LocationService.NewLocation toNewLocation() {
        return new LocationService.NewLocation(code, name.trim(), rank == null ? 100 : rank, active == null || active);
    }
}
