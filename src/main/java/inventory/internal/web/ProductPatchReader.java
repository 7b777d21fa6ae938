package inventory.internal.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inventory.internal.domain.ProductPatch;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import platform.error.Validation;
import platform.money.Money;
import platform.web.MergePatch;

/** Reads a JSON merge patch of a product, reporting every problem at once. */
final class ProductPatchReader {

    private static final Set<String> FIELDS = Set.of("name", "description", "unitPrice", "attributes", "active");
    private static final Set<String> READ_ONLY = Set.of("id", "sku", "version", "createdAt", "updatedAt");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ProductPatchReader() {}

    static ProductPatch read(JsonNode body) {
        Validation v = MergePatch.start(body, FIELDS, READ_ONLY);
        Optional<String> name = Optional.empty();
        if (body.has("name")) {
            JsonNode n = body.get("name");
            if (!n.isTextual() || n.asText().isBlank() || n.asText().length() > 200) {
                v.add("/name", "invalid", "must be a non-blank string of at most 200 characters");
            } else {
                name = Optional.of(n.asText().trim());
            }
        }
        Optional<Optional<String>> description = Optional.empty();
        if (body.has("description")) {
            JsonNode n = body.get("description");
            if (n.isNull()) {
                description = Optional.of(Optional.empty());
            } else if (!n.isTextual() || n.asText().length() > 4000) {
                v.add("/description", "invalid", "must be a string of at most 4000 characters, or null");
            } else {
                description = Optional.of(Optional.of(n.asText()));
            }
        }
        Optional<BigDecimal> unitPrice = Optional.empty();
        if (body.has("unitPrice")) {
            JsonNode n = body.get("unitPrice");
            Optional<BigDecimal> amount = n.isTextual() ? Money.parse(n.asText()) : Optional.empty();
            if (amount.isEmpty() || amount.get().signum() < 0) {
                v.add("/unitPrice", "invalid", "must be a non-negative money string such as \"9.80\"");
            } else {
                unitPrice = amount;
            }
        }
        Optional<Map<String, Object>> attributes = Optional.empty();
        if (body.has("attributes")) {
            JsonNode n = body.get("attributes");
            if (n.isNull()) {
                attributes = Optional.of(Map.of());
            } else if (!n.isObject() || n.size() > 100) {
                v.add("/attributes", "invalid", "must be a JSON object with at most 100 members");
            } else {
                attributes = Optional.of(MAPPER.convertValue(n, new TypeReference<Map<String, Object>>() {}));
            }
        }
        Optional<Boolean> active = Optional.empty();
        if (body.has("active")) {
            JsonNode n = body.get("active");
            if (!n.isBoolean()) {
                v.add("/active", "invalid", "must be true or false");
            } else {
                active = Optional.of(n.asBoolean());
            }
        }
        v.throwIfInvalid();
        return new ProductPatch(name, description, unitPrice, attributes, active);
    }
}
