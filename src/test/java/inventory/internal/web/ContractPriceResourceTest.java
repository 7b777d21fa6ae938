package inventory.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import inventory.InventoryApi;
import inventory.LinePrice;
import inventory.StockRequest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Catalog;

@QuarkusTest
class ContractPriceResourceTest {

    @Inject
    InventoryApi inventory;

    private static Map<String, Object> tiers(Object... pairs) {
        List<Map<String, Object>> tiers = new java.util.ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            tiers.add(Map.of("minQuantity", pairs[i], "unitPrice", pairs[i + 1]));
        }
        return Map.of("tiers", tiers);
    }

    @Test
    void storesTiersAndPricesLinesByTheGreatestTierNotAboveTheQuantity() {
        UUID client = Api.createClient(
                Map.of("name", "Tiered", "currency", "EUR", "creditLimit", "1.00", "discountPercent", 10));
        String tiered = Catalog.product("TIER", "10.00");
        String listed = Catalog.product("LIST", "9.99");
        String retired = Catalog.product("RETIRED", "1.00");
        Api.asOperator()
                .body(Map.of("active", false))
                .patch("/v1/products/" + retired)
                .then()
                .statusCode(200);
        Api.asOperator()
                .body(tiers(500, "9.10", 1, "9.80"))
                .put("/v1/clients/" + client + "/prices/" + tiered)
                .then()
                .statusCode(200)
                .header("ETag", "\"0\"")
                .body("tiers.minQuantity", equalTo(List.of(1, 500)))
                .body("tiers.unitPrice", equalTo(List.of("9.80", "9.10")));

        List<LinePrice> prices = inventory.price(
                client,
                new BigDecimal("10"),
                List.of(
                        new StockRequest(tiered, 499),
                        new StockRequest(tiered, 500),
                        new StockRequest(listed, 3),
                        new StockRequest(retired, 1),
                        new StockRequest("NOPE-NOPE", 1)));
        assertThat(prices)
                .extracting(LinePrice::unitPrice)
                .containsExactly(new BigDecimal("9.80"), new BigDecimal("9.10"), new BigDecimal("8.99"), null, null);
        assertThat(prices)
                .extracting(LinePrice::status)
                .containsExactly(
                        LinePrice.Status.PRICED,
                        LinePrice.Status.PRICED,
                        LinePrice.Status.PRICED,
                        LinePrice.Status.RETIRED,
                        LinePrice.Status.UNKNOWN);
    }

    @Test
    void replacesTiersOnEveryPutAndRemovesThemOnDelete() {
        UUID client = Api.createClient("Replace Co");
        String sku = Catalog.product("REPL", "10.00");
        Api.asOperator()
                .body(tiers(1, "9.00", 100, "8.00"))
                .put("/v1/clients/" + client + "/prices/" + sku)
                .then()
                .statusCode(200);
        Api.asOperator()
                .body(tiers(1, "7.50"))
                .put("/v1/clients/" + client + "/prices/" + sku)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"");
        Api.asOperator()
                .get("/v1/clients/" + client + "/prices/" + sku)
                .then()
                .statusCode(200)
                .body("tiers.unitPrice", equalTo(List.of("7.50")));
        Api.asOperator()
                .delete("/v1/clients/" + client + "/prices/" + sku)
                .then()
                .statusCode(204);
        Api.asOperator().get("/v1/clients/" + client + "/prices/" + sku).then().statusCode(404);
        assertThat(inventory
                        .price(client, BigDecimal.ZERO, List.of(new StockRequest(sku, 100)))
                        .get(0)
                        .unitPrice())
                .isEqualByComparingTo("10.00");
    }

    @Test
    void refusesInvalidTiersUnknownClientsAndUnknownSkus() {
        UUID client = Api.createClient("Invalid Tiers Co");
        String sku = Catalog.product("INV", "1.00");
        Api.asOperator()
                .body(tiers(0, "1.00", 5, "abc", 5, "2.00"))
                .put("/v1/clients/" + client + "/prices/" + sku)
                .then()
                .statusCode(400)
                .body(
                        "errors.pointer",
                        org.hamcrest.Matchers.containsInAnyOrder("/tiers/0/minQuantity", "/tiers/1/unitPrice"));
        Api.asOperator()
                .body(tiers(5, "1.00", 5, "2.00"))
                .put("/v1/clients/" + client + "/prices/" + sku)
                .then()
                .statusCode(400)
                .body("errors[0].pointer", equalTo("/tiers/1/minQuantity"));
        Api.asOperator()
                .body(Map.of("tiers", List.of()))
                .put("/v1/clients/" + client + "/prices/" + sku)
                .then()
                .statusCode(400);
        Api.asOperator()
                .body(tiers(1, "1.00"))
                .put("/v1/clients/" + UUID.randomUUID() + "/prices/" + sku)
                .then()
                .statusCode(404);
        Api.asOperator()
                .body(tiers(1, "1.00"))
                .put("/v1/clients/" + client + "/prices/NO-SKU-HERE")
                .then()
                .statusCode(404);
    }

    @Test
    void onlyCatalogWritersManagePrices() {
        var c = Api.newClient("Price Peeker", "orders:read", "orders:write", "inventory:read");
        String sku = Catalog.product("PEEK", "1.00");
        Api.as(c.token())
                .body(tiers(1, "0.01"))
                .put("/v1/clients/" + c.id() + "/prices/" + sku)
                .then()
                .statusCode(403)
                .body("code", equalTo("insufficient_scope"));
        Api.asOperator()
                .body(tiers(1, "0.90"))
                .put("/v1/clients/" + c.id() + "/prices/" + sku)
                .then()
                .statusCode(200);
        Api.as(c.token())
                .get("/v1/clients/" + c.id() + "/prices/" + sku)
                .then()
                .statusCode(200)
                .body("tiers[0].unitPrice", equalTo("0.90"));
        var other = Api.newClient("Price Snoop", "inventory:read");
        Api.as(other.token())
                .get("/v1/clients/" + c.id() + "/prices/" + sku)
                .then()
                .statusCode(404);
    }
}
