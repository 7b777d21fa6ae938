package orders.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import platform.outbox.OutboxEvent;

/**
 * Stock arrived (or was freed) and went to backordered lines of an order ({@code order.allocation_changed}):
 * topic {@code quartermaster.orders}, keyed by order id, belonging to the order's client. Carries the lines
 * that changed and what still waits; {@code fullyAllocated} says the order may now go to processing.
 */
public record OrderAllocationChanged(Allocation allocation, Instant occurredAt) implements OutboxEvent {

    public static final String TYPE = "order.allocation_changed";

    /**
     * The data of the event (documented in docs/events.md, not an API model: the feed's {@code data} is an
     * object whose shape its {@code type} gives).
     *
     * @param backordered units of all the order's lines still waiting after this change
     */
    public record Allocation(UUID orderId, UUID clientId, long backordered, boolean fullyAllocated, List<Line> lines) {}

    /**
     * A line that received units.
     *
     * @param allocated units reserved for the line now, in total
     * @param backordered units of the line still waiting
     * @param allocatedNow units this change reserved
     */
    public record Line(int lineNo, String sku, long quantity, long allocated, long backordered, long allocatedNow) {}

    public static OrderAllocationChanged of(Allocation allocation) {
        return new OrderAllocationChanged(allocation, Instant.now());
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String source() {
        return OrderEvent.SOURCE;
    }

    @Override
    public String subject() {
        return allocation.orderId().toString();
    }

    @Override
    public String topic() {
        return OrderEvent.TOPIC;
    }

    @Override
    public int schemaVersion() {
        return OrderEvent.SCHEMA_VERSION;
    }

    @Override
    public UUID tenantId() {
        return allocation.clientId();
    }

    @Override
    public Object data() {
        return allocation;
    }
}
