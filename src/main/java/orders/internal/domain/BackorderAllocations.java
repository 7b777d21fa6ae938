package orders.internal.domain;

import inventory.events.BackordersAllocated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import orders.events.OrderAllocationChanged;
import platform.outbox.OutboxWriter;

/**
 * Records on the order lines what the inventory's backorder allocation reserved, in the allocating
 * transaction (ADR 0047): one statement for all lines, one for the orders' remaining units, and one {@code
 * order.allocation_changed} event per order that received units. The orders may belong to any client, so it
 * looks at every tenant's rows for that work.
 */
@ApplicationScoped
public class BackorderAllocations {

    private final OrderRepository orders;
    private final OutboxWriter outbox;
    private final TenantScopeRepository scope;

    BackorderAllocations(OrderRepository orders, OutboxWriter outbox, TenantScopeRepository scope) {
        this.orders = orders;
        this.outbox = outbox;
        this.scope = scope;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(BackordersAllocated allocated) {
        int n = allocated.allocations().size();
        if (n == 0) {
            return;
        }
        UUID[] orderIds = new UUID[n];
        String[] skus = new String[n];
        Long[] now = new Long[n];
        Long[] waiting = new Long[n];
        for (int i = 0; i < n; i++) {
            BackordersAllocated.Allocation a = allocated.allocations().get(i);
            orderIds[i] = a.orderId();
            skus[i] = a.sku();
            now[i] = a.allocated();
            waiting[i] = a.stillWaiting();
        }
        scope.widened(() -> {
            List<OrderRepository.AllocatedLine> lines = orders.allocate(orderIds, skus, now, waiting);
            Map<UUID, List<OrderRepository.AllocatedLine>> byOrder = new LinkedHashMap<>();
            lines.forEach(l ->
                    byOrder.computeIfAbsent(l.orderId(), k -> new ArrayList<>()).add(l));
            Map<UUID, Long> remaining = orders.backorderedOf(byOrder.keySet());
            List<OrderAllocationChanged> events = new ArrayList<>(byOrder.size());
            byOrder.forEach((orderId, changed) -> {
                long left = remaining.getOrDefault(orderId, 0L);
                events.add(OrderAllocationChanged.of(new OrderAllocationChanged.Allocation(
                        orderId,
                        changed.get(0).clientId(),
                        left,
                        left == 0,
                        changed.stream()
                                .map(l -> new OrderAllocationChanged.Line(
                                        l.lineNo(),
                                        l.sku(),
                                        l.quantity(),
                                        l.quantity() - l.backordered(),
                                        l.backordered(),
                                        l.allocatedNow()))
                                .toList())));
            });
            outbox.append(events);
            return null;
        });
    }
}
