package orders.events;

import java.time.Instant;
import java.util.UUID;
import orders.ShipmentView;
import platform.outbox.OutboxEvent;

/**
 * A shipment left ({@code shipment.created}) or arrived ({@code shipment.delivered}): topic
 * {@code quartermaster.orders}, keyed (subject) by the <em>order</em> id, so a consumer sees an order's
 * shipment events and its status changes in commit order; belongs to the order's client and carries the
 * shipment as {@code GET /v1/orders/{id}/shipments/{shipmentId}} shows it then.
 */
public record ShipmentEvent(String type, ShipmentView shipment, Instant occurredAt) implements OutboxEvent {

    public static final String CREATED = "shipment.created";
    public static final String DELIVERED = "shipment.delivered";
    public static final int SCHEMA_VERSION = 1;

    public static ShipmentEvent of(String type, ShipmentView shipment) {
        return new ShipmentEvent(type, shipment, Instant.now());
    }

    @Override
    public String source() {
        return OrderEvent.SOURCE;
    }

    @Override
    public String subject() {
        return shipment.orderId().toString();
    }

    @Override
    public String topic() {
        return OrderEvent.TOPIC;
    }

    @Override
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }

    @Override
    public UUID tenantId() {
        return shipment.clientId();
    }

    @Override
    public Object data() {
        return shipment;
    }
}
