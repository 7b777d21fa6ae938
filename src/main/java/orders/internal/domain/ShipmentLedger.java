package orders.internal.domain;

import inventory.StockRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import orders.ShipmentView;
import orders.events.ShipmentEvent;
import platform.audit.AuditWriter;
import platform.id.Ids;
import platform.outbox.OutboxWriter;

/**
 * Writes shipments and their events, inside the caller's transaction, which has locked the order row.
 * Used by {@link ShipmentService} (the shipments endpoints) and by {@link OrderLifecycle} (the plain
 * status moves, ADR 0048), so both write the same rows and events.
 */
@ApplicationScoped
class ShipmentLedger {

    static final String SHIPPED = "shipped";
    static final String DELIVERED = "delivered";

    private final ShipmentRepository shipments;
    private final OutboxWriter outbox;
    private final AuditWriter audit;

    ShipmentLedger(ShipmentRepository shipments, OutboxWriter outbox, AuditWriter audit) {
        this.shipments = shipments;
        this.outbox = outbox;
        this.audit = audit;
    }

    /** Records a shipment of these lines (already consumed from stock) and writes {@code shipment.created}. */
    ShipmentView record(
            OrderRepository.OrderRow order,
            List<StockRequest> lines,
            String carrier,
            String trackingNumber,
            Instant at,
            String actor) {
        ShipmentRepository.ShipmentRow row = new ShipmentRepository.ShipmentRow(
                Ids.newId(),
                order.id(),
                order.clientId(),
                SHIPPED,
                carrier,
                trackingNumber,
                lines.size(),
                0,
                at,
                at,
                null);
        shipments.insert(
                row,
                lines.stream().map(StockRequest::sku).toArray(String[]::new),
                lines.stream().map(StockRequest::quantity).toArray(Long[]::new));
        ShipmentView view = view(
                row,
                lines.stream()
                        .map(l -> new ShipmentView.Line(l.sku(), l.quantity()))
                        .toList());
        outbox.append(List.of(ShipmentEvent.of(ShipmentEvent.CREATED, view)));
        audit.record(
                ShipmentEvent.CREATED,
                row.id().toString(),
                Map.of("orderId", order.id().toString(), "lines", lines.size()),
                actor,
                order.clientId());
        return view;
    }

    /** Marks a locked, shipped shipment delivered and writes {@code shipment.delivered}. */
    ShipmentView deliver(ShipmentRepository.ShipmentRow row, Instant at, String actor) {
        shipments.markDelivered(row.id(), at);
        ShipmentRepository.ShipmentRow delivered = new ShipmentRepository.ShipmentRow(
                row.id(),
                row.orderId(),
                row.clientId(),
                DELIVERED,
                row.carrier(),
                row.trackingNumber(),
                row.lineCount(),
                row.version() + 1,
                row.createdAt(),
                at,
                at);
        ShipmentView view = view(delivered);
        outbox.append(List.of(ShipmentEvent.of(ShipmentEvent.DELIVERED, view)));
        audit.record(
                ShipmentEvent.DELIVERED,
                row.id().toString(),
                Map.of("orderId", row.orderId().toString()),
                actor,
                row.clientId());
        return view;
    }

    /** Delivers every shipment of the order that is not delivered yet. */
    void deliverAll(UUID orderId, Instant at, String actor) {
        for (ShipmentRepository.ShipmentRow row : shipments.undelivered(orderId)) {
            deliver(row, at, actor);
        }
    }

    ShipmentView view(ShipmentRepository.ShipmentRow row) {
        return view(row, shipments.linesOf(List.of(row.id())).getOrDefault(row.id(), List.of()));
    }

    static ShipmentView view(ShipmentRepository.ShipmentRow row, List<ShipmentView.Line> lines) {
        return new ShipmentView(
                row.id(),
                row.orderId(),
                row.clientId(),
                row.status(),
                row.carrier(),
                row.trackingNumber(),
                lines,
                row.createdAt(),
                row.updatedAt(),
                row.deliveredAt(),
                row.version());
    }
}
