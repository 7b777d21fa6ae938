package testsupport;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Catalog fixtures over HTTP: products with stock, made with an operator token. */
public final class Catalog {

    private Catalog() {}

    /** A SKU unique to this run and call, so tests never collide. */
    public static String sku(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String product(String prefix, String unitPrice) {
        String sku = sku(prefix);
        Api.asOperator()
                .body(Map.of("sku", sku, "name", "Product " + sku, "unitPrice", unitPrice))
                .post("/v1/products")
                .then()
                .statusCode(201);
        return sku;
    }

    /** A product with {@code onHand} units in stock. */
    public static String stocked(String prefix, String unitPrice, long onHand) {
        String sku = product(prefix, unitPrice);
        if (onHand > 0) {
            adjust(sku, onHand);
        }
        return sku;
    }

    public static void adjust(String sku, long delta) {
        Api.asOperator()
                .body(Map.of("adjustments", List.of(Map.of("sku", sku, "delta", delta, "reason", "restock"))))
                .post("/v1/inventory/adjustments")
                .then()
                .statusCode(200);
    }

    /** Restocks {@code delta} units of a SKU at one location. */
    public static void adjustAt(String sku, long delta, String location) {
        Api.asOperator()
                .body(Map.of(
                        "adjustments",
                        List.of(Map.of("sku", sku, "delta", delta, "reason", "restock", "location", location))))
                .post("/v1/inventory/adjustments")
                .then()
                .statusCode(200);
    }

    /** Creates an active location with a fresh code that starts with {@code prefix}; returns the code. */
    public static String location(String prefix) {
        String code = prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Api.asOperator()
                .body(Map.of("code", code, "name", code))
                .post("/v1/locations")
                .then()
                .statusCode(201);
        return code;
    }
}
