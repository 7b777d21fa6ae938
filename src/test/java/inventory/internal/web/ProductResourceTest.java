package inventory.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Api.TestClient;
import testsupport.Catalog;

@QuarkusTest
class ProductResourceTest {

    @Test
    void createsAProductWithAnEmptyStockLevel() {
        String sku = Catalog.sku("BOLT");
        Response created = Api.asOperator()
                .body(Map.of(
                        "sku",
                        sku,
                        "name",
                        "Bolt M8",
                        "unitPrice",
                        "0.35",
                        "description",
                        "zinc plated",
                        "attributes",
                        Map.of("thread", "M8", "lengthMm", 40)))
                .post("/v1/products");
        created.then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/v1/products/" + sku))
                .header("ETag", "\"0\"")
                .body("sku", equalTo(sku))
                .body("unitPrice", equalTo("0.35"))
                .body("active", equalTo(true))
                .body("attributes.thread", equalTo("M8"))
                .body("id", notNullValue());
        Api.asOperator()
                .get("/v1/inventory/" + sku)
                .then()
                .statusCode(200)
                .body("onHand", equalTo(0))
                .body("reserved", equalTo(0))
                .body("available", equalTo(0));
    }

    @Test
    void refusesADuplicateSku() {
        String sku = Catalog.product("DUP", "1.00");
        Api.asOperator()
                .body(Map.of("sku", sku, "name", "again", "unitPrice", "2.00"))
                .post("/v1/products")
                .then()
                .statusCode(409)
                .body("code", equalTo("duplicate_sku"));
    }

    @Test
    void reportsEveryInvalidFieldWithPointers() {
        Map<String, Object> body = new HashMap<>();
        body.put("sku", "-bad sku");
        body.put("name", "");
        body.put("unitPrice", "1.234");
        Api.asOperator()
                .body(body)
                .post("/v1/products")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_request"))
                .body("errors.pointer", containsInAnyOrder("/sku", "/name", "/unitPrice"));
    }

    @Test
    void letsClientsReadButNotWriteTheCatalog() {
        TestClient client = Api.newClient("Catalog Reader", "inventory:read");
        String sku = Catalog.product("READ", "3.00");
        Api.as(client.token()).get("/v1/products/" + sku).then().statusCode(200).header("ETag", "\"0\"");
        Api.as(client.token())
                .body(Map.of("sku", Catalog.sku("X"), "name", "x", "unitPrice", "1.00"))
                .post("/v1/products")
                .then()
                .statusCode(403)
                .body("code", equalTo("insufficient_scope"));
        Api.as(client.token())
                .body(Map.of("active", false))
                .patch("/v1/products/" + sku)
                .then()
                .statusCode(403);
        Api.as(client.token())
                .body(Map.of("products", List.of()))
                .post("/v1/products/batch")
                .then()
                .statusCode(403);
        TestClient noScope = Api.newClient("No Inventory Scope", "orders:read");
        Api.as(noScope.token()).get("/v1/products/" + sku).then().statusCode(403);
    }

    @Test
    void retiresAndChangesAProductWithMergePatch() {
        String sku = Catalog.product("PATCH", "5.00");
        Api.asOperator()
                .body(Map.of("active", false, "unitPrice", "5.50"))
                .patch("/v1/products/" + sku)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("active", equalTo(false))
                .body("unitPrice", equalTo("5.50"));
        Api.asOperator()
                .header("If-Match", "\"0\"")
                .body(Map.of("name", "stale"))
                .patch("/v1/products/" + sku)
                .then()
                .statusCode(412)
                .body("code", equalTo("version_conflict"));
        Api.asOperator()
                .body(Map.of("sku", "OTHER", "colour", "red"))
                .patch("/v1/products/" + sku)
                .then()
                .statusCode(400)
                .body("errors.pointer", containsInAnyOrder("/sku", "/colour"));
        Api.asOperator().delete("/v1/products/" + sku).then().statusCode(405);
    }

    @Test
    void answers404ForAnUnknownSku() {
        Api.asOperator()
                .get("/v1/products/NO-SUCH-SKU-1")
                .then()
                .statusCode(404)
                .body("code", equalTo("not_found"));
    }

    @Test
    void filtersBySkuPrefixAndActivity() {
        String prefix = "FLT" + Catalog.sku("").substring(1, 6);
        Catalog.product(prefix + "A", "1.00");
        String retired = Catalog.product(prefix + "B", "1.00");
        Api.asOperator()
                .body(Map.of("active", false))
                .patch("/v1/products/" + retired)
                .then()
                .statusCode(200);
        Api.asOperator()
                .queryParam("skuPrefix", prefix)
                .get("/v1/products")
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .body("items.sku", everyItem(startsWith(prefix)));
        Api.asOperator()
                .queryParam("skuPrefix", prefix)
                .queryParam("active", "false")
                .get("/v1/products")
                .then()
                .body("items.sku", equalTo(List.of(retired)));
        Api.asOperator()
                .queryParam("active", "maybe")
                .get("/v1/products")
                .then()
                .statusCode(400);
        Api.asOperator()
                .queryParam("skuPrefix", "a b")
                .get("/v1/products")
                .then()
                .statusCode(400);
    }

    @Test
    void upsertsABatchAtomically() {
        String prefix = "BATCH" + Catalog.sku("").substring(1, 6);
        String existing = Catalog.product(prefix + "-0", "1.00");
        List<Map<String, Object>> products = new ArrayList<>();
        products.add(Map.of("sku", existing, "name", "renamed", "unitPrice", "2.00"));
        for (int i = 1; i <= 50; i++) {
            products.add(Map.of("sku", prefix + "-" + i, "name", "P" + i, "unitPrice", i + ".00"));
        }
        Api.asOperator()
                .body(Map.of("products", products))
                .post("/v1/products/batch")
                .then()
                .statusCode(200)
                .body("created", equalTo(50))
                .body("updated", equalTo(1))
                .body("items", hasSize(51));
        Api.asOperator()
                .get("/v1/products/" + existing)
                .then()
                .body("name", equalTo("renamed"))
                .body("version", equalTo(1));
        Api.asOperator()
                .get("/v1/inventory/" + prefix + "-7")
                .then()
                .statusCode(200)
                .body("onHand", equalTo(0));
    }

    @Test
    void aBatchWithInvalidProductsChangesNothingAndReportsEach() {
        String prefix = "BAD" + Catalog.sku("").substring(1, 6);
        List<Map<String, Object>> products = new ArrayList<>();
        products.add(Map.of("sku", prefix + "-1", "name", "ok", "unitPrice", "1.00"));
        products.add(Map.of("sku", prefix + "-2", "name", "bad price", "unitPrice", "-1"));
        products.add(Map.of("sku", prefix + "-1", "name", "dup", "unitPrice", "1.00"));
        products.add(Map.of("sku", "bad sku!", "name", "bad sku", "unitPrice", "1.00"));
        Api.asOperator()
                .body(Map.of("products", products))
                .post("/v1/products/batch")
                .then()
                .statusCode(400)
                .body("errors.pointer", containsInAnyOrder("/products/1/unitPrice", "/products/3/sku"));
        Api.asOperator().get("/v1/products/" + prefix + "-1").then().statusCode(404);
        // once fields are valid, the duplicate is reported
        products.remove(3);
        products.remove(1);
        Api.asOperator()
                .body(Map.of("products", products))
                .post("/v1/products/batch")
                .then()
                .statusCode(400)
                .body("errors.pointer", equalTo(List.of("/products/1/sku")));
        Api.asOperator().get("/v1/products/" + prefix + "-1").then().statusCode(404);
    }

    @Test
    void refusesABatchOverTenThousand() {
        List<Map<String, Object>> products = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            products.add(Map.of("sku", "OVER-" + i, "name", "x", "unitPrice", "1.00"));
        }
        Api.asOperator()
                .body(Map.of("products", products))
                .post("/v1/products/batch")
                .then()
                .statusCode(400)
                .body("errors[0].pointer", equalTo("/products"));
    }

    @Test
    void pagesThroughProducts() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = Api.asOperator().queryParam("limit", 7);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/v1/products");
            seen.addAll(page.path("items.sku"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertThat(seen).doesNotHaveDuplicates().isNotEmpty();
    }
}
