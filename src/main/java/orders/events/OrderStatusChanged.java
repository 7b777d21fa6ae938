package orders.events;

import java.time.Instant;
import orders.OrderView;

/** An order moved on or was cancelled ({@code order.status_changed}); {@code order().status()} is the new status. */
public record OrderStatusChanged(OrderView order, Instant occurredAt) implements OrderEvent {

    public static final String TYPE = "order.status_changed";

    public static OrderStatusChanged of(OrderView order) {
        return new OrderStatusChanged(order, Instant.now());
    }

    @Override
    public String type() {
        return TYPE;
    }
}
