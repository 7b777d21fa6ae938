package testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Order request bodies for tests. */
public final class Orders {

    private Orders() {}

    /** An order body with the given (sku, quantity) pairs. */
    public static Map<String, Object> order(String externalRef, Object... skuQuantityPairs) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < skuQuantityPairs.length; i += 2) {
            lines.add(Map.of("sku", skuQuantityPairs[i], "quantity", skuQuantityPairs[i + 1]));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (externalRef != null) {
            body.put("externalRef", externalRef);
        }
        body.put("priority", "normal");
        body.put(
                "shipTo",
                Map.of(
                        "name",
                        "Acme Receiving",
                        "line1",
                        "Dock 4",
                        "city",
                        "Hamburg",
                        "postalCode",
                        "20095",
                        "country",
                        "DE"));
        body.put("lines", lines);
        return body;
    }

    /** Places an order as the holder of {@code token}, expecting 201; returns the order's id. */
    public static String place(String token, Map<String, Object> body) {
        return Api.as(token)
                .body(body)
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
