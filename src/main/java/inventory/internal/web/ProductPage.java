package inventory.internal.web;

import jakarta.enterprise.context.RequestScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The SKUs of the product pages one GraphQL request has read, so that a field with an argument (the contract
 * price for a quantity) is computed for the whole page in one query per distinct argument, not once per
 * product. (SmallRye's {@code @Source} list batching would mix the arguments of aliased fields.)
 */
@RequestScoped
public class ProductPage {

    private final Set<String> skus = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Map<String, String>> prices = new ConcurrentHashMap<>();

    void remember(Collection<String> page) {
        skus.addAll(page);
    }

    /** The price of one SKU for a quantity, pricing every remembered SKU for that quantity on first use. */
    String price(String sku, int quantity, Function<List<String>, Map<String, String>> priceAll) {
        Map<String, String> known = prices.computeIfAbsent(quantity, q -> {
            Set<String> all = ConcurrentHashMap.newKeySet();
            all.addAll(skus);
            all.add(sku);
            return new ConcurrentHashMap<>(nonNull(priceAll.apply(List.copyOf(all))));
        });
        if (!known.containsKey(sku) && !skus.contains(sku)) {
            known.putAll(nonNull(priceAll.apply(List.of(sku))));
        }
        return known.get(sku) == NONE ? null : known.get(sku);
    }

    private static final String NONE = new String("");

    private static Map<String, String> nonNull(Map<String, String> prices) {
        Map<String, String> out = new java.util.HashMap<>();
        prices.forEach((sku, price) -> out.put(sku, price == null ? NONE : price));
        return out;
    }
}
