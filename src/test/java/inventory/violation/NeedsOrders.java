package inventory.violation;

import orders.OrdersApi;

/** A deliberate rule breaker: inventory using orders, which uses inventory: a cycle. */
public class NeedsOrders {

    public Class<?> target() {
        return OrdersApi.class;
    }
}
