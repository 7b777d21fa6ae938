package architecture.violation;

import orders.internal.web.OrderResource;

/** A deliberate rule breaker: calls a resource as if it were a service. */
public class CallsResource {

    public Class<?> target() {
        return OrderResource.class;
    }
}
