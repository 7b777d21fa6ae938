package orders.internal.domain;

import inventory.InventoryApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import orders.OrderView;
import orders.events.OrderStatusChanged;
import platform.audit.AuditWriter;
import platform.error.Preconditions;
import platform.outbox.OutboxWriter;
import tenancy.Caller;
import tenancy.Scopes;

/**
 * Moves orders through {@code pending → processing → shipped → delivered}, or cancels them from
 * pending or processing. Shipping consumes the reservation, cancelling releases it; delivered and
 * cancelled orders leave the credit exposure. Each change writes {@code order.status_changed}.
 */
@ApplicationScoped
public class OrderLifecycle {

    public static final String STATUS_CHANGED = OrderStatusChanged.TYPE;

    private final OrderRepository orders;
    private final tenancy.TenancyApi tenancy;
    private final ExposureRepository exposure;
    private final InventoryApi inventory;
    private final OrderViews views;
    private final OutboxWriter outbox;
    private final AuditWriter audit;
    private final TenantScopeRepository scope;
    private final ShipmentRepository shipments;
    private final ShipmentLedger ledger;

    OrderLifecycle(
            OrderRepository orders,
            ExposureRepository exposure,
            InventoryApi inventory,
            OrderViews views,
            OutboxWriter outbox,
            AuditWriter audit,
            TenantScopeRepository scope,
            tenancy.TenancyApi tenancy,
            ShipmentRepository shipments,
            ShipmentLedger ledger) {
        this.tenancy = tenancy;
        this.shipments = shipments;
        this.ledger = ledger;
        this.audit = audit;
        this.scope = scope;
        this.orders = orders;
        this.exposure = exposure;
        this.inventory = inventory;
        this.views = views;
        this.outbox = outbox;
    }

    /** An operator's move forward; {@code to} is processing, shipped or delivered. */
    @Transactional
    public OrderView advance(UUID id, String to, String trackingNumber, OptionalLong expectedVersion, String actor) {
        scope.all();
        OrderRepository.OrderRow order = orders.find(id, true).orElseThrow(() -> OrderErrors.notFound(id));
        checkVersion(order, expectedVersion);
        OrderStatus target = OrderStatus.parse(to)
                .filter(t -> t != OrderStatus.CANCELLED) // cancelling has its own way in
                .orElseThrow(() -> OrderErrors.invalidTransition(order.status(), to));
        if (!OrderStatus.parse(order.status()).orElseThrow().canMoveTo(target)) {
            throw OrderErrors.invalidTransition(order.status(), to);
        }
        if (target == OrderStatus.PROCESSING || target == OrderStatus.SHIPPED) {
            checkAllocated(order, target);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (target == OrderStatus.SHIPPED) {
            // ships what no shipment has taken yet: everything when the order has no shipments (as before
            // shipments existed), else the remainder, recorded as one more shipment (ADR 0048)
            boolean partlyShipped = shipments.any(id);
            List<inventory.StockRequest> rest = partlyShipped ? shipments.unshipped(id) : orders.stockOf(id);
            inventory.consume(id, rest, actor);
            if (partlyShipped && !rest.isEmpty()) {
                ledger.record(order, rest, null, trackingNumber, now, actor);
            }
        } else if (target == OrderStatus.DELIVERED) {
            ledger.deliverAll(id, now, actor);
            exposure.subtract(order.clientId(), order.total());
        }
        return change(order, to, trackingNumber, actor);
    }

    /**
     * After a shipment was recorded or delivered on a locked order: a processing order whose every line is
     * shipped becomes shipped; a shipped order whose every shipment is delivered becomes delivered (and
     * leaves the credit exposure). Returns the order as it is now.
     */
    OrderView followShipments(OrderRepository.OrderRow order, String trackingNumber, String actor) {
        OrderStatus status = OrderStatus.parse(order.status()).orElseThrow();
        if (status == OrderStatus.PROCESSING && shipments.unshipped(order.id()).isEmpty()) {
            // the shipment just recorded is not delivered yet, so the order stops at shipped
            return change(order, OrderStatus.SHIPPED.value(), trackingNumber, actor);
        }
        if (status == OrderStatus.SHIPPED && shipments.undelivered(order.id()).isEmpty()) {
            exposure.subtract(order.clientId(), order.total());
            return change(order, OrderStatus.DELIVERED.value(), null, actor);
        }
        return views.view(orders.find(order.id(), false).orElseThrow());
    }

    /** Cancels for the owning client or for an operator with orders:fulfil; another client's order is "not found". */
    @Transactional
    public OrderView cancel(UUID id, Caller caller, OptionalLong expectedVersion) {
        scope.of(caller.hasScope(Scopes.ORDERS_FULFIL) ? java.util.Optional.empty() : caller.tenantId());
        OrderRepository.OrderRow order = orders.find(id, true).orElseThrow(() -> OrderErrors.notFound(id));
        if (!caller.hasScope(Scopes.ORDERS_FULFIL) && !caller.is(order.clientId())) {
            throw OrderErrors.notFound(id);
        }
        checkVersion(order, expectedVersion);
        if (!OrderStatus.parse(order.status()).orElseThrow().canMoveTo(OrderStatus.CANCELLED)) {
            throw OrderErrors.invalidTransition(order.status(), "cancelled");
        }
        // stock before credit, as placement takes them: the same lock order everywhere, so no deadlock;
        // what shipments took is gone from stock already, so only the unshipped rest is given back (ADR 0048):
        // its queued units leave the backorder queue, its reserved ones go first to orders waiting for them
        inventory.releaseOrder(id, shipments.unshipped(id), caller.subject());
        exposure.subtract(order.clientId(), order.total());
        return change(order, "cancelled", null, caller.subject());
    }

    private OrderView change(OrderRepository.OrderRow order, String to, String trackingNumber, String actor) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        orders.updateStatus(order.id(), to, trackingNumber, now);
        orders.appendHistory(order.id(), order.clientId(), to, now, actor);
        OrderView view = views.view(orders.find(order.id(), false).orElseThrow());
        outbox.append(List.of(OrderStatusChanged.of(view)));
        audit.record(
                STATUS_CHANGED,
                order.id().toString(),
                Map.of("from", order.status(), "to", to),
                actor,
                order.clientId());
        return view;
    }

    /**
     * An order with units still waiting for stock may go to processing only when its client allows partial
     * shipment and something is allocated; it ships (the whole order) only when nothing waits (ADR 0047).
     */
    private void checkAllocated(OrderRepository.OrderRow order, OrderStatus target) {
        if (!BackorderPolicy.BACKORDER.equals(order.backorderPolicy())) {
            return; // a rejecting order was reserved in full when placed
        }
        long[] units = orders.allocationOf(order.id());
        long waiting = units[1];
        if (waiting == 0) {
            return;
        }
        boolean partialAllowed = target == OrderStatus.PROCESSING
                && units[0] > waiting
                && tenancy.terms(order.clientId())
                        .map(t -> t.allowPartialShipment())
                        .orElse(false);
        if (!partialAllowed) {
            throw OrderErrors.notAllocated(order.status(), target.value(), units[0], waiting);
        }
    }

    private static void checkVersion(OrderRepository.OrderRow order, OptionalLong expectedVersion) {
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() != order.version()) {
            throw Preconditions.stale(order.version());
        }
    }
}
