package inventory.events;

import inventory.StockLevel;
import java.time.Instant;
import java.util.UUID;
import platform.outbox.OutboxEvent;

/**
 * A SKU's stock level changed (set, adjusted, reserved, released, shipped): {@code
 * inventory.stock_changed} on topic {@code quartermaster.stock}, keyed by SKU, carrying the level as
 * {@code GET /v1/inventory/{sku}} shows it. Every instance receives it after commit, in {@link
 * platform.outbox.OutboxCommitted}; versions order the changes of one SKU.
 */
public record StockChanged(StockLevel level, Instant occurredAt) implements OutboxEvent {

    public static final String TYPE = "inventory.stock_changed";
    public static final String TOPIC = "quartermaster.stock";
    public static final String SOURCE = "/inventory";
    public static final int SCHEMA_VERSION = 1;

    public static StockChanged of(StockLevel level) {
        return new StockChanged(level, Instant.now());
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
        return level;
    }
}
