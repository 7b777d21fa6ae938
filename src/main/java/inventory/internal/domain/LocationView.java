package inventory.internal.domain;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A stock location as the API shows it (ADR 0052). */
@Schema(
        name = "Location",
        requiredProperties = {"code", "name", "rank", "active", "version", "createdAt", "updatedAt"})
public record LocationView(
        @Schema(pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", examples = "WH-EAST")
        String code,

        @Schema(maxLength = 200) String name,

        @Schema(
                description = "allocation order: lower ranks are chosen first (then code)",
                minimum = "0",
                maximum = "1000000")
        int rank,

        @Schema(description = "inactive locations keep their stock but are never allocated from")
        boolean active,

        long version,
        Instant createdAt,
        Instant updatedAt) {}
