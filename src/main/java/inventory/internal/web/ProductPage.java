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
 * product. (SmallRye's {@code @Source} list batching would mix the arguments of aliased fields.) It also
 * keeps the request's trace for the fields of the page.
 */
@RequestScoped
public class ProductPage {

    private final Set<String> skus = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Map<String, String>> prices = new ConcurrentHashMap<>();

    private volatile io.opentelemetry.context.Context trace;

    void remember(Collection<String> page) {
        skus.addAll(page);
        trace = io.opentelemetry.context.Context.current();
    }

    /**
     * Runs work of a field of the page inside the trace of the request that read the page: SmallRye may
     * resolve batched fields on a thread the request's trace context did not follow, and the database
     * spans of such work would otherwise be dropped (the sampler never starts a trace at a query).
     */
    <T> T inTrace(java.util.function.Supplier<T> work) {
        io.opentelemetry.context.Context saved = trace;
        if (saved == null) {
            return work.get();
        }
        String request = io.opentelemetry.api.trace.Span.fromContext(saved)
                .getSpanContext()
                .getTraceId();
        if (request.equals(
                io.opentelemetry.api.trace.Span.current().getSpanContext().getTraceId())) {
            return work.get();
        }
        try (io.opentelemetry.context.Scope ignored = saved.makeCurrent()) {
            return work.get();
        }
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
