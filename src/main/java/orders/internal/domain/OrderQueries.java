package orders.internal.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import orders.OrderView;
import platform.page.Cursor;
import platform.page.Page;
import platform.page.PageRequest;
import platform.page.SequenceCursor;
import tenancy.Caller;

/** Reads of orders. A client sees only its own orders: another client's answers 404, as a missing one. */
@ApplicationScoped
public class OrderQueries {

    private final OrderRepository orders;
    private final OrderViews views;
    private final TenantScopeRepository scope;

    OrderQueries(OrderRepository orders, OrderViews views, TenantScopeRepository scope) {
        this.orders = orders;
        this.views = views;
        this.scope = scope;
    }

    /** Filters as the caller gave them; {@code clientId} only for operators. */
    public record Criteria(
            UUID clientId,
            String status,
            String priority,
            java.time.Instant createdFrom,
            java.time.Instant createdTo,
            String externalRef) {}

    @Transactional
    public OrderView get(UUID id, Caller caller) {
        return views.view(visible(id, caller));
    }

    @Transactional
    public Page<OrderView> list(Criteria criteria, PageRequest page, Caller caller) {
        scope.of(caller.tenantId());
        UUID clientId = caller.tenantId().orElse(criteria.clientId());
        Cursor after = page.after();
        List<OrderRepository.OrderRow> rows = orders.list(new OrderRepository.Filter(
                clientId,
                criteria.status(),
                criteria.priority(),
                criteria.createdFrom(),
                criteria.createdTo(),
                criteria.externalRef(),
                after == null ? null : after.createdAt(),
                after == null ? null : after.id(),
                page.limit()));
        return Page.of(rows, page.limit(), r -> new Cursor(r.createdAt(), r.id()), views::view);
    }

    /** Lines in line order; the cursor is the last line number of the previous page. */
    @Transactional
    public Page<OrderItemView> items(UUID id, PageRequest page, int afterLineNo, Caller caller) {
        visible(id, caller);
        List<OrderItemView> rows = orders.items(id, afterLineNo, page.limit());
        boolean more = rows.size() > page.limit();
        List<OrderItemView> items = more ? rows.subList(0, page.limit()) : rows;
        String next = more ? SequenceCursor.encode(items.get(items.size() - 1).lineNo()) : null;
        return new Page<>(items, next);
    }

    /** The lines of orders the caller has already been shown, in one query, under the caller's tenant. */
    @Transactional
    public java.util.Map<UUID, List<OrderItemView>> itemsOf(java.util.Collection<UUID> ids, Caller caller) {
        scope.of(caller.tenantId());
        return ids.isEmpty() ? java.util.Map.of() : orders.itemsOf(ids);
    }

    private OrderRepository.OrderRow visible(UUID id, Caller caller) {
        scope.of(caller.tenantId());
        OrderRepository.OrderRow row = orders.find(id, false).orElseThrow(() -> OrderErrors.notFound(id));
        if (caller.tenantId().isPresent() && !caller.is(row.clientId())) {
            throw OrderErrors.notFound(id);
        }
        return row;
    }
}
