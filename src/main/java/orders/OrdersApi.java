package orders;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;
import orders.internal.domain.OrderRepository;
import orders.internal.domain.TenantScopeRepository;

/** The orders module's entry point for other modules: read-only facts about orders, never entities. */
@ApplicationScoped
public class OrdersApi {

    private final OrderRepository orders;
    private final TenantScopeRepository scope;

    OrdersApi(OrderRepository orders, TenantScopeRepository scope) {
        this.orders = orders;
        this.scope = scope;
    }

    /** The client an order belongs to, or empty when there is no such order. */
    @Transactional
    public Optional<UUID> ownerOf(UUID orderId) {
        scope.all();
        return orders.find(orderId, false).map(OrderRepository.OrderRow::clientId);
    }
}
