package inventory;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A SKU's units at one location (ADR 0052); a SKU's locations sum to its {@link StockLevel}. */
@Schema(
        name = "LocationLevel",
        requiredProperties = {"location", "onHand", "reserved", "held", "available", "version"})
public record LocationLevel(
        String location,
        long onHand,
        long reserved,
        long held,
        @Schema(description = "onHand - reserved - held") long available,

        @Schema(description = "the version of this (SKU, location) row; its ETag")
        long version) {

    public static LocationLevel of(String location, long onHand, long reserved, long held, long version) {
        return new LocationLevel(location, onHand, reserved, held, onHand - reserved - held, version);
    }
}
