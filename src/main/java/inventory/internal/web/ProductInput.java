package inventory.internal.web;

import inventory.Sku;
import inventory.internal.domain.NewProduct;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import platform.money.Money;

/** A product as a client sends it: to {@code POST /v1/products} or inside a batch. */
@Schema(name = "ProductInput")
public record ProductInput(
        @NotNull @Pattern(regexp = SKU, message = "must match " + SKU) @Schema(examples = "BOLT-M8")
        String sku,

        @NotBlank @Size(max = 200) String name,
        @Size(max = 4000) String description,

        @NotNull
        @Pattern(regexp = MONEY, message = "must be a non-negative money string such as \"9.80\"")
        @Schema(examples = "9.80")
        String unitPrice,

        @Size(max = 100, message = "at most 100 attributes") Map<String, Object> attributes,

        @Schema(description = "only in batches; default true")
        Boolean active) {

    static final String SKU = Sku.PATTERN;
    static final String MONEY = "^(0|[1-9][0-9]{0,14})(\\.[0-9]{1,2})?$";

    NewProduct toNewProduct() {
        return new NewProduct(
                sku, name.trim(), description, Money.parse(unitPrice).orElseThrow(), attributes, active);
    }
}
