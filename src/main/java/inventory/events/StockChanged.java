package inventory.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import inventory.LocationLevel;
import inventory.StockLevel;
import java.time.Instant;
import java.util.List;
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

    public static StockChanged of(StockLevel level, List<LocationLevel> locations) {
        return new StockChanged(level, locations, Instant.now());
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
