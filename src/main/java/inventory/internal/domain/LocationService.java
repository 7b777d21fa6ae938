package inventory.internal.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import platform.audit.AuditWriter;
import platform.error.DomainException;
import platform.error.ErrorCode;
import platform.error.FieldError;
import platform.error.Preconditions;
import platform.page.Cursor;
import platform.page.Page;
import platform.page.PageRequest;

/** Operator-managed stock locations (ADR 0052). */
@ApplicationScoped
public class LocationService {

    private final LocationRepository locations;
    private final AuditWriter audit;
    private final Duration keyRetention;

    LocationService(
            LocationRepository locations,
            AuditWriter audit,
            @ConfigProperty(name = "quartermaster.inventory.idempotency-retention", defaultValue = "PT24H")
                    Duration keyRetention) {
        this.locations = locations;
        this.audit = audit;
        this.keyRetention = keyRetention;
    }

    /** A new location as requested. */
    public record NewLocation(String code, String name, int rank, boolean active) {
        byte[] hash() {
            try {
                return MessageDigest.getInstance("SHA-256")
                        .digest((code + "\u0000" + name + "\u0000" + rank + "\u0000" + active)
                                .getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A change of a location: absent members stay. */
    public record LocationPatch(Optional<String> name, Optional<Integer> rank, Optional<Boolean> active) {}

    /** What a create did: the location, and whether it answers a retry of an earlier create. */
    public record Created(LocationView location, boolean replayed) {}

    /**
     * Creates a location. With an Idempotency-Key, a retry with the same body answers the first answer again
     * (replayed) and a different body under the same key is 422 {@code idempotency_key_reused}; a code that is
     * taken otherwise is 409 {@code conflict} ({@code duplicate_location}). A key is kept for
     * {@code quartermaster.inventory.idempotency-retention} (24 h, as the orders' keys): after that it is a new key.
     */
    @Transactional
    public Created create(NewLocation request, String idempotencyKey, String actor) {
        byte[] hash = request.hash();
        if (idempotencyKey != null) {
            locations.forgetKeyCreatedBefore(idempotencyKey, keyRetention);
        }
        if (locations.insert(request.code(), request.name(), request.rank(), request.active(), idempotencyKey, hash)) {
            LocationView view = locations.find(request.code()).orElseThrow().view();
            audit.record(
                    "location.created",
                    request.code(),
                    Map.of("name", request.name(), "rank", request.rank(), "active", request.active()),
                    actor,
                    null);
            return new Created(view, false);
        }
        if (idempotencyKey != null) {
            Optional<LocationRepository.Row> earlier = locations.findByKey(idempotencyKey);
            if (earlier.isPresent()) {
                if (!Arrays.equals(earlier.get().requestHash(), hash)) {
                    throw new DomainException(
                            ErrorCode.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used for a different request");
                }
                return new Created(earlier.get().view(), true);
            }
        }
        throw InventoryErrors.duplicateLocation(request.code());
    }

    @Transactional
    public LocationView get(String code) {
        return locations
                .find(code)
                .orElseThrow(() -> InventoryErrors.locationNotFound(code))
                .view();
    }

    @Transactional
    public Page<LocationView> list(PageRequest page) {
        List<LocationRepository.Row> rows = page.after() == null
                ? locations.page(null, null, page.limit())
                : locations.page(page.after().createdAt(), page.after().id(), page.limit());
        return Page.of(rows, page.limit(), r -> new Cursor(r.view().createdAt(), r.id()), LocationRepository.Row::view);
    }

    /** Changes name, rank or state; the built-in 'default' location stays active (409). */
    @Transactional
    public LocationView patch(String code, OptionalLong expectedVersion, LocationPatch patch, String actor) {
        LocationView current = locations
                .lock(code)
                .orElseThrow(() -> InventoryErrors.locationNotFound(code))
                .view();
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() != current.version()) {
            throw Preconditions.stale(current.version());
        }
        boolean active = patch.active().orElse(current.active());
        if (!active && code.equals(LocationLedger.DEFAULT)) {
            throw new DomainException(
                    ErrorCode.CONFLICT,
                    "The default location receives every stock change that names no location; it stays active",
                    List.of(FieldError.of("/active", "default_location_active", "'default' cannot be deactivated")),
                    Map.of());
        }
        LocationView changed = locations.update(
                code, patch.name().orElse(current.name()), patch.rank().orElse(current.rank()), active);
        audit.record(
                "location.updated",
                code,
                Map.of("name", changed.name(), "rank", changed.rank(), "active", changed.active()),
                actor,
                null);
        return changed;
    }
}
