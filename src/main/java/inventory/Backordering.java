package inventory;

import java.util.List;
import java.util.Map;

/**
 * The outcome of reserving with backorders: what could be reserved was, and the rest of each SKU waits in
 * the queue ({@code backordered}, by SKU, only SKUs with units waiting); or nothing happened because SKUs
 * are unknown.
 */
public record Backordering(boolean placed, Map<String, Long> backordered, List<String> unknownSkus) {

    public static Backordering placed(Map<String, Long> backordered) {
        return new Backordering(true, Map.copyOf(backordered), List.of());
    }

    public static Backordering refused(List<String> unknownSkus) {
        return new Backordering(false, Map.of(), List.copyOf(unknownSkus));
    }
}
