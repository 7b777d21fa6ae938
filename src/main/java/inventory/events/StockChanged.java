package inventory.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import inventory.LocationLevel;
import inventory.StockLevel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import platform.outbox.OutboxEvent;

/**
 * A SKU's stock level changed (set, adjusted, reserved, released, shipped): {@code
 * inventory.stock_changed} on topic {@code quartermaster.stock}, keyed by SKU, carrying the level as
 * {@code GET /v1/inventory/{sku}} shows it, plus (additive, ADR 0052) {@code locations}: the SKU's level at
 * every location that has units of it. Every instance receives it after commit, in {@link
 * platform.outbox.OutboxCommitted}; versions order the changes of one SKU.
 */
public record StockChanged(StockLevel level, List<LocationLevel> locations, Instant occurredAt) implements OutboxEvent {

    public static final String TYPE = "inventory.stock_changed";
    public static final String TOPIC = "quartermaster.stock";
    public static final String SOURCE = "/inventory";
    public static final int SCHEMA_VERSION = 1;

    public StockChanged(StockLevel level, Instant occurredAt) {
        this(level, null, occurredAt);
    }

    public static StockChanged of(StockLevel level) {
        return new StockChanged(level, null, Instant.now());
    }

    /**
     * The event of a change, with the SKU's per-location levels only when it has units (or had) anywhere but
     * {@code default}: a SKU kept at {@code default} alone writes exactly the event it wrote before locations
     * existed (ADR 0052).
     */
    public static StockChanged of(StockLevel level, List<LocationLevel> locations) {
        boolean onlyDefault = locations == null
                || locations.stream().allMatch(l -> l.location().equals(DEFAULT_LOCATION));
        return new StockChanged(level, onlyDefault ? null : List.copyOf(locations), Instant.now());
    }

    /** The location that holds every unit of a SKU whose event has no {@code locations}. */
    public static final String DEFAULT_LOCATION = "default";

    /**
     * The per-location levels as streams send them ({@code location, onHand, reserved, held, available}): the
     * event's, or for an event without them every unit at {@code default}.
     */
    public List<Map<String, Object>> streamLocations() {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        if (locations == null) {
            out.add(entry(DEFAULT_LOCATION, level.onHand(), level.reserved(), level.held()));
        } else {
            locations.forEach(l -> out.add(entry(l.location(), l.onHand(), l.reserved(), l.held())));
        }
        return out;
    }

    private static Map<String, Object> entry(String location, long onHand, long reserved, long held) {
        Map<String, Object> e = new java.util.LinkedHashMap<>();
        e.put("location", location);
        e.put("onHand", onHand);
        e.put("reserved", reserved);
        e.put("held", held);
        e.put("available", onHand - reserved - held);
        return e;
    }

    /** The event's data: the level's fields and, when known, the per-location levels. */
    public record Data(
            String sku,
            long onHand,
            long reserved,
            long held,
            long available,
            long version,
            Instant updatedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<LocationLevel> locations) {

        StockLevel level() {
            return new StockLevel(sku, onHand, reserved, held, available, version, updatedAt);
        }
    }

    /** The event as read back from its data. */
    public static StockChanged decoded(Data data, Instant occurredAt) {
        return new StockChanged(data.level(), data.locations(), occurredAt);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public String subject() {
        return level.sku();
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    @Override
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }

    @Override
    public UUID tenantId() {
        return null;
    }

    @Override
    public Object data() {
        return new Data(
                level.sku(),
                level.onHand(),
                level.reserved(),
                level.held(),
                level.available(),
                level.version(),
                level.updatedAt(),
                locations);
    }
}
