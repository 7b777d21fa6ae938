package orders.internal.web;

import graphqlapi.PageInfo;
import java.util.List;
import orders.OrderView;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A page of orders, Relay style. */
@Type("OrderConnection")
public record OrderConnection(
        @NonNull List<@NonNull Edge> edges, @NonNull PageInfo pageInfo) {

    /** One order and the cursor after it. */
    @Type("OrderEdge")
    public record Edge(@NonNull String cursor, @NonNull OrderView node) {}
}
