package orders.events;

import java.time.Instant;
import orders.OrderView;

/** An order was placed ({@code order.created}); its status is {@code pending}. */
public record OrderCreated(OrderView order, Instant occurredAt) implements OrderEvent {

    public static final String TYPE = "order.created";

    public static OrderCreated of(OrderView order) {
        return new OrderCreated(order, Instant.now());
    }

    @Override
    public String type() {
        return TYPE;
    }
}
