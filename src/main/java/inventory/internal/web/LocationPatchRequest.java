package inventory.internal.web;

import com.fasterxml.jackson.databind.JsonNode;
import inventory.internal.domain.LocationService;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import platform.error.Validation;
import platform.web.MergePatch;

/** A JSON merge patch of a location (name, rank, active); the code is its identity. */
@Schema(name = "LocationPatch")
public record LocationPatchRequest(
        @Schema(maxLength = 200) String name,
        @Schema(minimum = "0", maximum = "1000000") Integer rank,
        Boolean active) {

    private static final Set<String> FIELDS = Set.of("name", "rank", "active");
    private static final Set<String> READ_ONLY = Set.of("code", "version", "createdAt", "updatedAt");

    static LocationService.LocationPatch read(JsonNode body) {
        Validation v = MergePatch.start(body, FIELDS, READ_ONLY);
        Optional<String> name = Optional.empty();
        Optional<Integer> rank = Optional.empty();
        Optional<Boolean> active = Optional.empty();
        if (body.has("name")) {
            JsonNode n = body.get("name");
            if (!n.isTextual() || n.asText().isBlank() || n.asText().length() > 200) {
                v.add("/name", "invalid", "must be a non-blank string of at most 200 characters");
            } else {
                name = Optional.of(n.asText().trim());
            }
        }
        if (body.has("rank")) {
            JsonNode n = body.get("rank");
            if (!n.isIntegralNumber() || n.asLong() < 0 || n.asLong() > 1_000_000) {
                v.add("/rank", "invalid", "must be an integer from 0 to 1000000");
            } else {
                rank = Optional.of(n.asInt());
            }
        }
        if (body.has("active")) {
            JsonNode n = body.get("active");
            if (!n.isBoolean()) {
                v.add("/active", "invalid", "must be true or false");
            } else {
                active = Optional.of(n.asBoolean());
            }
        }
        v.throwIfInvalid();
        return new LocationService.LocationPatch(name, rank, active);
    }
}
