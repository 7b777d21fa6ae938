package inventory.internal.web;

import inventory.internal.domain.NewProduct;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import platform.error.Validation;

/** Body of {@code POST /v1/products/batch}: up to 10,000 products, upserted by SKU, all or nothing. */
@Schema(name = "ProductBatchRequest")
public record ProductBatchRequest(
        @NotNull @Size(min = 1, max = 10_000) List<@Valid @NotNull ProductInput> products) {

    /** The products to upsert; a SKU named twice is refused with a pointer to each later occurrence. */
    List<NewProduct> toNewProducts() {
        Validation v = new Validation();
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < products.size(); i++) {
            Integer earlier = first.putIfAbsent(products.get(i).sku(), i);
            if (earlier != null) {
                v.add(
                        "/products/" + i + "/sku",
                        "duplicate_sku",
                        "SKU " + products.get(i).sku() + " appears already at /products/" + earlier);
            }
        }
        v.throwIfInvalid();
        return products.stream().map(ProductInput::toNewProduct).toList();
    }
}
