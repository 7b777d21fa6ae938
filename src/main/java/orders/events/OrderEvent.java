package orders.events;

import java.util.UUID;
import orders.OrderView;
import platform.outbox.OutboxEvent;

/**
 * What every order event shares: topic {@code quartermaster.orders}, keyed by order id, belonging to the
 * order's client, carrying the order as {@code GET /v1/orders/{id}} shows it at that moment.
 */
public sealed interface OrderEvent extends OutboxEvent permits OrderCreated, OrderStatusChanged {

    String TOPIC = "quartermaster.orders";
    String SOURCE = "/orders";
    int SCHEMA_VERSION = 1;

    OrderView order();

    @Override
    default String source() {
        return SOURCE;
    }

    @Override
    default String subject() {
        return order().id().toString();
    }

    @Override
    default String topic() {
        return TOPIC;
    }

    @Override
    default int schemaVersion() {
        return SCHEMA_VERSION;
    }

    @Override
    default UUID tenantId() {
        return order().clientId();
    }

    @Override
    default Object data() {
        return order();
    }
}
