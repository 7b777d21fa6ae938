package inventory.internal.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalLong;
import platform.error.Preconditions;
import platform.money.Money;
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

    /**
     * The products of these SKUs (unknown ones are left out) that have every attribute pair, in SKU order, in one
     * query.
     */
    @Transactional
    public List<ProductView> bySkus(java.util.Collection<String> skus, List<AttributeFilter> attributes) {
        if (skus.isEmpty()) {
            return List.of();
        }
        return products.bySkus(skus, AttributeFilter.checked(attributes));
    }

    @Transactional
    public Page<ProductView> list(PageRequest page, String skuPrefix, Boolean active) {
        return list(page, skuPrefix, active, List.of());
    }

    /** A page in creation order, filtered by SKU prefix, active flag and attribute pairs (all must match). */
    @Transactional
    public Page<ProductView> list(
            PageRequest page, String skuPrefix, Boolean active, List<AttributeFilter> attributes) {
        return products.page(page, skuPrefix, active, AttributeFilter.checked(attributes));
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
}
