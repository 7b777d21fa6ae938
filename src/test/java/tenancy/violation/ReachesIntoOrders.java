package tenancy.violation;

import orders.OrdersApi;

/**
 * A deliberate rule breaker: tenancy using orders (which it may not), outside tenancy's root and internals.
 * Only {@code ModularityRulesCanFailTest} imports it.
 */
public class ReachesIntoOrders {

    public Class<?> target() {
        return OrdersApi.class;
    }
}
