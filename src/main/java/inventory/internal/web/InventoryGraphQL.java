package inventory.internal.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import graphqlapi.GraphQLFields;
import graphqlapi.GraphQLProblem;
import graphqlapi.PageInfo;
import inventory.InventoryApi;
import inventory.LinePrice;
import inventory.Sku;
import inventory.StockLevel;
import inventory.StockRequest;
import inventory.internal.domain.AttributeFilter;
import inventory.internal.domain.ProductService;
import inventory.internal.domain.ProductView;
import inventory.internal.domain.StockService;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import platform.error.DomainException;
import platform.error.ErrorCode;
import platform.money.Money;
import platform.page.Cursor;
import platform.page.Page;
import platform.page.PageRequest;
import tenancy.Caller;
import tenancy.ClientTerms;
import tenancy.CurrentCaller;
import tenancy.Scopes;
import tenancy.TenancyApi;

/**
 * The catalogue and stock in GraphQL: the same services and scopes as {@code /v1/products} and
 * {@code /v1/inventory}. Stock levels and contract prices of a page of products are loaded in one query each
 * ({@code @Source} lists), never one per product.
 */
@GraphQLApi
public class InventoryGraphQL {

    private final ProductService products;
    private final StockService stock;
    private final InventoryApi inventory;
    private final TenancyApi tenancy;
    private final CurrentCaller caller;
    private final GraphQLFields fields;
    private final ObjectMapper json;
    private final ProductPage pages;

    InventoryGraphQL(
            ProductService products,
            StockService stock,
            InventoryApi inventory,
            TenancyApi tenancy,
            CurrentCaller caller,
            GraphQLFields fields,
            ObjectMapper json,
            ProductPage pages) {
        this.products = products;
        this.stock = stock;
        this.inventory = inventory;
        this.tenancy = tenancy;
        this.caller = caller;
        this.fields = fields;
        this.json = json;
        this.pages = pages;
    }

    @Query("products")
    @Description("Products in creation order (first: 1-200, default 50), or exactly those of skus (at most 200);"
            + " with attributes (at most 20, each key once) only those having every key with exactly that value."
            + " Scope inventory:read.")
    public ProductNode.Connection products(
            @DefaultValue("50") int first,
            String after,
            List<String> skus,
            String skuPrefix,
            Boolean active,
            List<AttributeInput> attributes)
            throws GraphQLProblem {
        return fields.run("products", () -> {
            require(Scopes.INVENTORY_READ, "products");
            List<AttributeFilter> pairs = attributes == null
                    ? List.of()
                    : attributes.stream()
                            .map(a -> a == null ? null : new AttributeFilter(a.key(), a.value()))
                            .toList();
            if (skus != null) {
                return bySkus(skus, active, pairs);
            }
            PageRequest page = PageRequest.of(String.valueOf(first), after);
            Page<ProductView> found = products.list(page, skuPrefix, active, pairs);
            List<ProductNode.Edge> edges = found.items().stream()
                    .map(p -> new ProductNode.Edge(new Cursor(p.createdAt(), p.id()).encode(), ProductNode.of(p, json)))
                    .toList();
            pages.remember(edges.stream().map(e -> e.node().sku()).toList());
            return connection(edges, found.nextCursor() != null, after != null);
        });
    }

    private ProductNode.Connection bySkus(List<String> skus, Boolean active, List<AttributeFilter> pairs) {
        if (skus.isEmpty() || skus.size() > PageRequest.MAX_LIMIT) {
            throw DomainException.invalid("skus", "name 1 to " + PageRequest.MAX_LIMIT + " SKUs");
        }
        for (String sku : skus) {
            if (sku == null || !Sku.isValid(sku)) {
                throw DomainException.invalid("skus", "'" + sku + "' is not a SKU");
            }
        }
        List<ProductNode.Edge> edges = products.bySkus(new LinkedHashSet<>(skus), pairs).stream()
                .filter(p -> active == null || p.active() == active)
                .map(p -> new ProductNode.Edge(new Cursor(p.createdAt(), p.id()).encode(), ProductNode.of(p, json)))
                .toList();
        pages.remember(edges.stream().map(e -> e.node().sku()).toList());
        return connection(edges, false, false);
    }

    private static ProductNode.Connection connection(List<ProductNode.Edge> edges, boolean more, boolean after) {
        String start = edges.isEmpty() ? null : edges.get(0).cursor();
        String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new ProductNode.Connection(edges, new PageInfo(more, after, start, end));
    }

    @Query("stockLevels")
    @Description("The stock of up to 200 SKUs; unknown SKUs are left out. Scope inventory:read.")
    public List<@NonNull StockLevel> stockLevels(@NonNull List<@NonNull String> skus) throws GraphQLProblem {
        return fields.run("stockLevels", () -> {
            require(Scopes.INVENTORY_READ, "stockLevels");
            if (skus.isEmpty() || skus.size() > PageRequest.MAX_LIMIT) {
                throw DomainException.invalid("skus", "name 1 to " + PageRequest.MAX_LIMIT + " SKUs");
            }
            return stock.levels(List.copyOf(new LinkedHashSet<>(skus))).items();
        });
    }

    @Name("stock")
    @Description("The product's stock level; loaded for all products of the page in one query.")
    public List<StockLevel> stock(@Source List<ProductNode> page) throws GraphQLProblem {
        return fields.run("Product.stock", () -> {
            require(Scopes.INVENTORY_READ, "Product.stock");
            return pages.inTrace(() -> {
                Map<String, StockLevel> levels =
                        stock
                                .levels(page.stream()
                                        .map(ProductNode::sku)
                                        .distinct()
                                        .toList())
                                .items()
                                .stream()
                                .collect(Collectors.toMap(StockLevel::sku, Function.identity()));
                List<StockLevel> out = new ArrayList<>(page.size());
                page.forEach(p -> out.add(levels.get(p.sku())));
                return out;
            });
        });
    }

    @Name("contractPrice")
    @Description("For a client token: its unit price of this product for a quantity (contract tier, else list price"
            + " less its discount), as orders price it; null for operators and for retired products. Priced for"
            + " every product of the page at once, per quantity.")
    public String contractPrice(@Source ProductNode product, @DefaultValue("1") int quantity) throws GraphQLProblem {
        return fields.run("Product.contractPrice", () -> {
            require(Scopes.INVENTORY_READ, "Product.contractPrice");
            if (quantity < 1) {
                throw DomainException.invalid("quantity", "quantity must be at least 1");
            }
            Caller who = caller.get();
            if (who.tenantId().isEmpty()) {
                return null;
            }
            return pages.inTrace(() -> pages.price(product.sku(), quantity, skus -> {
                BigDecimal discount = tenancy.terms(who.tenantId().get())
                        .map(ClientTerms::discountPercent)
                        .orElse(BigDecimal.ZERO);
                List<StockRequest> lines = skus.stream()
                        .map(sku -> new StockRequest(sku, quantity))
                        .toList();
                Map<String, String> prices = new java.util.HashMap<>();
                for (LinePrice price : inventory.price(who.tenantId().get(), discount, lines)) {
                    prices.put(price.sku(), price.unitPrice() == null ? null : Money.format(price.unitPrice()));
                }
                return prices;
            }));
        });
    }

    private void require(String scope, String field) {
        if (!caller.get().hasScope(scope)) {
            throw new DomainException(ErrorCode.INSUFFICIENT_SCOPE, field + " needs the scope " + scope);
        }
    }
}
