package security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Catalog;
import testsupport.Orders;

/**
 * Mass assignment (OWASP API3): no writing endpoint accepts a property the server owns (ids, tenant,
 * status, versions, prices, stock counters); each is refused with 400 and a pointer to it.
 */
@QuarkusTest
class MassAssignmentTest {

    @Test
    void everyWriteRefusesServerOwnedProperties() {
        var buyer = Api.newClient("Greedy Buyer", "orders:read", "orders:write");
        String sku = Catalog.stocked("MASS", "1.00", 100);
        String order = Api.as(buyer.token())
                .body(Orders.order(null, sku, 1))
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String op = Api.operatorToken();
        String other = UUID.randomUUID().toString();

        record Case(
                String method,
                String path,
                String token,
                Map<String, Object> valid,
                List<String> owned,
                Map<String, String> headers) {}
        List<Case> cases = List.of(
                new Case(
                        "POST",
                        "/v1/clients",
                        op,
                        map("name", "X", "currency", "EUR", "creditLimit", "1.00"),
                        List.of("id", "status", "version", "createdAt", "clientId", "tenant"),
                        Map.of()),
                new Case(
                        "PATCH",
                        "/v1/clients/" + buyer.id(),
                        op,
                        map("name", "Y"),
                        List.of("id", "currency", "version", "createdAt", "updatedAt"),
                        Map.of("If-Match", "*")),
                new Case(
                        "POST",
                        "/v1/clients/" + buyer.id() + "/credentials",
                        op,
                        map("scopes", List.of("orders:read")),
                        List.of("id", "clientId", "clientSecret", "status"),
                        Map.of()),
                new Case(
                        "PUT",
                        "/v1/clients/" + buyer.id() + "/prices/" + sku,
                        op,
                        map("tiers", List.of(map("minQuantity", 1, "unitPrice", "0.50"))),
                        List.of("clientId", "sku", "version"),
                        Map.of()),
                new Case(
                        "POST",
                        "/v1/products",
                        op,
                        map("sku", "MASS-NEW-1", "name", "n", "unitPrice", "1.00"),
                        List.of("id", "version", "createdAt", "active", "reserved", "onHand"),
                        Map.of()),
                new Case(
                        "PATCH",
                        "/v1/products/" + sku,
                        op,
                        map("name", "n"),
                        List.of("id", "sku", "version", "createdAt"),
                        Map.of()),
                new Case(
                        "PUT",
                        "/v1/inventory/" + sku,
                        op,
                        map("onHand", 100),
                        List.of("reserved", "available", "version", "sku"),
                        Map.of("If-Match", "*")),
                new Case(
                        "POST",
                        "/v1/orders",
                        buyer.token(),
                        Orders.order(null, sku, 1),
                        List.of(
                                "id",
                                "clientId",
                                "status",
                                "total",
                                "currency",
                                "lineCount",
                                "version",
                                "statusHistory"),
                        Map.of()),
                new Case(
                        "POST",
                        "/v1/orders/" + order + "/status",
                        op,
                        map("status", "processing"),
                        List.of("clientId", "version", "id"),
                        Map.of()),
                new Case(
                        "POST",
                        "/v1/orders/batch",
                        buyer.token(),
                        map("orders", List.of(Orders.order(null, sku, 1))),
                        List.of("clientId", "batchId", "status"),
                        Map.of("Idempotency-Key", "x")));
        int checked = 0;
        for (Case c : cases) {
            for (String property : c.owned()) {
                Map<String, Object> body = new LinkedHashMap<>(c.valid());
                body.put(property, property.endsWith("Id") || property.equals("id") ? other : "forged");
                var request = Api.as(c.token()).body(body);
                c.headers()
                        .forEach((k, v) -> request.header(
                                k, v.equals("x") ? UUID.randomUUID().toString() : v));
                Response r = request.request(c.method(), c.path());
                checked++;
                assertThat(r.statusCode())
                        .as(c.method() + " " + c.path() + " with " + property + ": " + r.asString())
                        .isEqualTo(400);
                assertThat(r.jsonPath().getList("errors.pointer", String.class))
                        .as(c.path() + " " + property)
                        .contains("/" + property);
            }
        }
        // line-level: prices are the server's
        Map<String, Object> priced = new LinkedHashMap<>(Orders.order(null, sku, 1));
        List<Map<String, Object>> lines = new ArrayList<>();
        lines.add(map("sku", sku, "quantity", 1, "unitPrice", "0.01"));
        lines.add(map("sku", "MASS-X", "quantity", 1, "lineTotal", "0.01"));
        priced.put("lines", lines);
        Api.as(buyer.token()).body(priced).post("/v1/orders").then().statusCode(400);
        Map<String, Object> adjusted =
                map("adjustments", List.of(map("sku", sku, "delta", 1, "reason", "restock", "reserved", 0)));
        Api.asOperator().body(adjusted).post("/v1/inventory/adjustments").then().statusCode(400);
        System.out.println("MassAssignmentTest checked " + (checked + 2) + " forged properties");
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
