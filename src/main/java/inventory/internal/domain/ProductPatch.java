package inventory.internal.domain;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/** A validated merge patch of a product; outer empty = unchanged, inner empty = cleared. */
public record ProductPatch(
        Optional<String> name,
        Optional<Optional<String>> description,
        Optional<BigDecimal> unitPrice,
        Optional<Map<String, Object>> attributes,
        Optional<Boolean> active) {}
