package inventory.events;

import java.util.List;
import java.util.UUID;

/**
 * Queued backorder units were reserved for their orders (stock arrived or was freed). Fired as a synchronous
 * CDI event inside the transaction that allocated them, so the owner of the orders records the allocation
 * in the same commit; it is not an outbox event (the orders module publishes {@code order.allocation_changed}).
 */
public record BackordersAllocated(List<Allocation> allocations) {

    /** Units of one order's SKU reserved now, and how many of that line still wait. */
    public record Allocation(UUID orderId, UUID clientId, String sku, long allocated, long stillWaiting) {}
}
