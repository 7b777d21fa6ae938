package orders;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;
import orders.internal.domain.OrderRepository;

/** The orders module's entry point for other modules: read-only facts about orders, never entities. */
@ApplicationScoped
public class OrdersApi {

    private final OrderRepository orders;

    OrdersApi(OrderRepository orders) {
        this.orders = orders;
    }

    /** The client an order belongs to, or empty when there is no such order. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<UUID> ownerOf(UUID orderId) {
        return orders.find(orderId, false).map(OrderRepository.OrderRow::clientId);
    }
}
