package inventory.internal.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import platform.error.Preconditions;
import platform.money.Money;
import platform.page.Cursor;
import platform.page.Page;
import platform.page.PageRequest;

/** The catalog: create, read, change and retire products, and upsert them in bulk. */
@ApplicationScoped
public class ProductService {

    private final ProductRepository products;

    ProductService(ProductRepository products) {
        this.products = products;
    }

    @Transactional
    public ProductView create(NewProduct product) {
        return products.insert(product).orElseThrow(() -> InventoryErrors.duplicateSku(product.sku()));
    }

    @Transactional
    public BatchResult upsert(List<NewProduct> batch) {
        return products.upsertAll(batch);
    }

    @Transactional
    public ProductView get(String sku) {
        return view(find(sku));
    }

    /** The products of these SKUs (unknown ones are left out), in SKU order, in one query. */
    @Transactional
    public List<ProductView> bySkus(java.util.Collection<String> skus) {
        if (skus.isEmpty()) {
            return List.of();
        }
        return ProductEntity.<ProductEntity>list("sku in ?1 ORDER BY sku", List.copyOf(skus)).stream()
                .map(this::view)
                .toList();
    }

    @Transactional
    public Page<ProductView> list(PageRequest page, String skuPrefix, Boolean active) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (skuPrefix != null) {
            params.add(escapeLike(skuPrefix) + "%");
            where.add("sku LIKE ?" + params.size() + " ESCAPE '\\'");
        }
        if (active != null) {
            params.add(active);
            where.add("active = ?" + params.size());
        }
        if (page.after() != null) {
            params.add(page.after().createdAt());
            int at = params.size();
            params.add(page.after().id());
            where.add("(createdAt > ?" + at + " OR (createdAt = ?" + at + " AND id > ?" + params.size() + "))");
        }
        String query = (where.isEmpty() ? "" : String.join(" AND ", where)) + " ORDER BY createdAt, id";
        List<ProductEntity> rows = ProductEntity.find(query, params.toArray())
                .range(0, page.limit())
                .list();
        return Page.of(rows, page.limit(), p -> new Cursor(p.createdAt, p.id), this::view);
    }

    @Transactional
    public ProductView patch(String sku, OptionalLong expectedVersion, ProductPatch patch) {
        ProductEntity product = find(sku);
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() != product.version) {
            throw Preconditions.stale(product.version);
        }
        patch.name().ifPresent(n -> product.name = n);
        patch.description().ifPresent(d -> product.description = d.orElse(null));
        patch.unitPrice().ifPresent(p -> product.unitPrice = p);
        patch.attributes().ifPresent(a -> product.attributes = a);
        patch.active().ifPresent(a -> product.active = a);
        product.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        product.flush();
        return view(product);
    }

    private static ProductEntity find(String sku) {
        ProductEntity product = ProductEntity.find("sku", sku).firstResult();
        if (product == null) {
            throw InventoryErrors.productNotFound(sku);
        }
        return product;
    }

    private ProductView view(ProductEntity p) {
        return new ProductView(
                p.id,
                p.sku,
                p.name,
                p.description,
                Money.format(p.unitPrice),
                p.attributes,
                p.active,
                p.version,
                p.createdAt,
                p.updatedAt);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
