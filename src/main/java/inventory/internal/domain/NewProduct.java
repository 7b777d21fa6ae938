package inventory.internal.domain;

import java.math.BigDecimal;
import java.util.Map;

/** A validated product to create or upsert; {@code active} null means true (an upsert is a full replacement). */
public record NewProduct(
        String sku,
        String name,
        String description,
        BigDecimal unitPrice,
        Map<String, Object> attributes,
        Boolean active) {}
