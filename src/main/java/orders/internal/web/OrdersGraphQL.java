package orders.internal.web;

import graphqlapi.GraphQLFields;
import graphqlapi.GraphQLProblem;
import graphqlapi.PageInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import orders.OrderView;
import orders.internal.domain.OrderItemView;
import orders.internal.domain.OrderQueries;
import orders.internal.domain.OrderStatus;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import platform.error.DomainException;
import platform.error.ErrorCode;
import platform.page.Cursor;
import platform.page.Page;
import platform.page.PageRequest;
import tenancy.Caller;
import tenancy.CurrentCaller;
import tenancy.Scopes;

/**
 * Orders in GraphQL, read through the same {@link OrderQueries} as {@code GET /v1/orders}: a client sees its
 * own orders only (another client's order is not found), an operator sees every order. Scope orders:read.
 */
@GraphQLApi
public class OrdersGraphQL {

    private final OrderQueries queries;
    private final CurrentCaller caller;
    private final GraphQLFields fields;

    OrdersGraphQL(OrderQueries queries, CurrentCaller caller, GraphQLFields fields) {
        this.queries = queries;
        this.caller = caller;
        this.fields = fields;
    }

    @Query("orders")
    @Description("The caller's orders (an operator's: every client's), newest last; first 1-200, default 50."
            + " Scope orders:read.")
    public OrderConnection orders(@DefaultValue("50") int first, String after, String status) throws GraphQLProblem {
        return fields.run("orders", () -> {
            Caller who = require("orders");
            if (status != null && OrderStatus.parse(status).isEmpty()) {
                throw DomainException.invalid("status", "status must be one of " + OrderStatus.allowed());
            }
            PageRequest page = PageRequest.of(String.valueOf(first), after);
            Page<OrderView> found =
                    queries.list(new OrderQueries.Criteria(null, status, null, null, null, null), page, who);
            List<OrderConnection.Edge> edges = found.items().stream()
                    .map(o -> new OrderConnection.Edge(new Cursor(o.createdAt(), o.id()).encode(), o))
                    .toList();
            String start = edges.isEmpty() ? null : edges.get(0).cursor();
            String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
            return new OrderConnection(edges, new PageInfo(found.nextCursor() != null, after != null, start, end));
        });
    }

    @Query("order")
    @Description("One order; another client's order is not found (code not_found). Scope orders:read.")
    public OrderView order(@NonNull @Id String id) throws GraphQLProblem {
        return fields.run("order", () -> {
            Caller who = require("order");
            UUID orderId;
            try {
                orderId = UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                throw DomainException.notFound("Order " + id);
            }
            return queries.get(orderId, who);
        });
    }

    @Name("items")
    @Description("The order's lines in line order; loaded for every order of the page in one query.")
    public List<List<OrderItemView>> items(@Source List<OrderView> orders) throws GraphQLProblem {
        return fields.run("Order.items", () -> {
            Caller who = require("Order.items");
            Map<UUID, List<OrderItemView>> lines = queries.itemsOf(
                    orders.stream().map(OrderView::id).distinct().toList(), who);
            List<List<OrderItemView>> out = new ArrayList<>(orders.size());
            orders.forEach(o -> out.add(lines.getOrDefault(o.id(), List.of())));
            return out;
        });
    }

    private Caller require(String field) {
        Caller who = caller.get();
        if (!who.hasScope(Scopes.ORDERS_READ)) {
            throw new DomainException(ErrorCode.INSUFFICIENT_SCOPE, field + " needs the scope " + Scopes.ORDERS_READ);
        }
        return who;
    }
}
