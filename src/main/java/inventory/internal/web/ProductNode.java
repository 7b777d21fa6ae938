package inventory.internal.web;

import inventory.internal.domain.ProductView;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A product as GraphQL shows it: the REST fields, with the free-form attributes as JSON text. */
@Type("Product")
public record ProductNode(
        @Id @NonNull String id,
        @NonNull String sku,
        @NonNull String name,
        String description,
        @Description("list price, money string") @NonNull String unitPrice,

        @Description("the free-form attributes as a JSON object, or null")
        String attributes,

        boolean active,
        long version,
        @NonNull Instant createdAt,
        @NonNull Instant updatedAt) {

    static ProductNode of(ProductView p, com.fasterxml.jackson.databind.ObjectMapper json) {
        String attributes;
        try {
            attributes = p.attributes() == null ? null : json.writeValueAsString(p.attributes());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            attributes = null;
        }
        return new ProductNode(
                p.id().toString(),
                p.sku(),
                p.name(),
                p.description(),
                p.unitPrice(),
                attributes,
                p.active(),
                p.version(),
                p.createdAt(),
                p.updatedAt());
    }

    /** One product of a connection and the cursor after it. */
    @Type("ProductEdge")
    public record Edge(@NonNull String cursor, @NonNull ProductNode node) {}

    /** A page of products, Relay style. */
    @Type("ProductConnection")
    public record Connection(
            @NonNull List<@NonNull Edge> edges, @NonNull graphqlapi.PageInfo pageInfo) {}
}
