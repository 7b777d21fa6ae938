package inventory.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Api.TestClient;
import testsupport.Catalog;

@QuarkusTest
class InventoryResourceTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void setsOnHandWithIfMatchAndEmitsOneEvent() throws Exception {
        String sku = Catalog.product("SET", "1.00");
        Api.asOperator()
                .body(Map.of("onHand", 40))
                .put("/v1/inventory/" + sku)
                .then()
                .statusCode(428)
                .body("code", equalTo("precondition_required"));
        Api.asOperator()
                .header("If-Match", "\"5\"")
                .body(Map.of("onHand", 40))
                .put("/v1/inventory/" + sku)
                .then()
                .statusCode(412)
                .body("code", equalTo("version_conflict"));
        Api.asOperator()
                .header("If-Match", "\"0\"")
                .body(Map.of("onHand", 40))
                .put("/v1/inventory/" + sku)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("sku", equalTo(sku))
                .body("onHand", equalTo(40))
                .body("reserved", equalTo(0))
                .body("available", equalTo(40))
                .body("version", equalTo(1));
        assertThat(events(sku))
                .containsExactly("{\"sku\": \"" + sku
                        + "\", \"held\": 0, \"onHand\": 40, \"version\": 1, \"reserved\": 0, " + "\"available\": 40}");
    }

    @Test
    void refusesBadStockBodies() {
        String sku = Catalog.product("BODY", "1.00");
        Api.asOperator()
                .header("If-Match", "\"0\"")
                .body(Map.of("onHand", -1))
                .put("/v1/inventory/" + sku)
                .then()
                .statusCode(400)
                .body("errors[0].pointer", equalTo("/onHand"));
        Api.asOperator()
                .header("If-Match", "\"0\"")
                .body("{\"onHand\":\"12\"}")
                .put("/v1/inventory/" + sku)
                .then()
                .statusCode(400)
                .body("errors[0].pointer", equalTo("/onHand"));
        Api.asOperator()
                .header("If-Match", "\"0\"")
                .body("{\"onHand\":1.5}")
                .put("/v1/inventory/" + sku)
                .then()
                .statusCode(400);
        Api.asOperator()
                .header("If-Match", "\"0\"")
                .body(Map.of("onHand", 5))
                .put("/v1/inventory/NOPE-404")
                .then()
                .statusCode(404);
    }

    @Test
    void adjustsAtomicallyAndAddsUpLinesOfOneSku() {
        String a = Catalog.stocked("ADJA", "1.00", 10);
        String b = Catalog.stocked("ADJB", "1.00", 10);
        Api.asOperator()
                .body(Map.of(
                        "adjustments",
                        List.of(
                                Map.of("sku", a, "delta", 5, "reason", "restock"),
                                Map.of("sku", b, "delta", -3, "reason", "damage"),
                                Map.of("sku", a, "delta", -2, "reason", "count"))))
                .post("/v1/inventory/adjustments")
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .body("items.find { it.sku == '" + a + "' }.onHand", equalTo(13))
                .body("items.find { it.sku == '" + b + "' }.onHand", equalTo(7));
    }

    @Test
    void anAdjustmentBatchWithOneBadLineChangesNothing() {
        String a = Catalog.stocked("ALL", "1.00", 10);
        String b = Catalog.stocked("NONE", "1.00", 2);
        Api.asOperator()
                .body(Map.of(
                        "adjustments",
                        List.of(
                                Map.of("sku", a, "delta", 5, "reason", "restock"),
                                Map.of("sku", b, "delta", -3, "reason", "damage"))))
                .post("/v1/inventory/adjustments")
                .then()
                .statusCode(409)
                .body("code", equalTo("stock_below_reserved"))
                .body("errors[0].pointer", equalTo("/adjustments/1/delta"));
        Api.asOperator()
                .body(Map.of(
                        "adjustments",
                        List.of(
                                Map.of("sku", a, "delta", 5, "reason", "restock"),
                                Map.of("sku", "UNKNOWN-SKU-X", "delta", 1, "reason", "restock"))))
                .post("/v1/inventory/adjustments")
                .then()
                .statusCode(422)
                .body("code", equalTo("unknown_sku"))
                .body("errors[0].pointer", equalTo("/adjustments/1/sku"));
        Api.asOperator()
                .get("/v1/inventory/" + a)
                .then()
                .body("onHand", equalTo(10))
                .body("version", equalTo(1));
        Api.asOperator().get("/v1/inventory/" + b).then().body("onHand", equalTo(2));
    }

    @Test
    void reportsEveryInvalidAdjustmentLine() {
        Api.asOperator()
                .body(Map.of(
                        "adjustments",
                        List.of(
                                Map.of("sku", "ok-sku", "delta", 1, "reason", "theft"),
                                Map.of("sku", "bad sku", "delta", 1, "reason", "restock"),
                                Map.of("sku", "ok-sku", "reason", "restock"))))
                .post("/v1/inventory/adjustments")
                .then()
                .statusCode(400)
                .body(
                        "errors.pointer",
                        containsInAnyOrder("/adjustments/0/reason", "/adjustments/1/sku", "/adjustments/2/delta"));
        Api.asOperator()
                .body(Map.of("adjustments", List.of(Map.of("sku", "ok-sku", "delta", 0, "reason", "count"))))
                .post("/v1/inventory/adjustments")
                .then()
                .statusCode(400)
                .body("errors[0].pointer", equalTo("/adjustments/0/delta"));
        Api.asOperator()
                .body(Map.of("adjustments", List.of()))
                .post("/v1/inventory/adjustments")
                .then()
                .statusCode(400);
    }

    @Test
    void readsLevelsBySkuListAndByPage() {
        String a = Catalog.stocked("LSTA", "1.00", 3);
        String b = Catalog.stocked("LSTB", "1.00", 4);
        Api.asOperator()
                .queryParam("sku", a)
                .queryParam("sku", b)
                .queryParam("sku", "NOT-THERE-1")
                .get("/v1/inventory")
                .then()
                .statusCode(200)
                .body("items.sku", containsInAnyOrder(a, b))
                .body("nextCursor", equalTo(null));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = Api.asOperator().queryParam("limit", 5);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/v1/inventory");
            page.then().statusCode(200);
            seen.addAll(page.path("items.sku"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertThat(seen).doesNotHaveDuplicates().contains(a, b);
        Api.asOperator().queryParam("limit", 500).get("/v1/inventory").then().statusCode(400);
    }

    @Test
    void clientsReadStockButNeverWriteIt() {
        TestClient client = Api.newClient("Stock Reader", "inventory:read", "orders:write");
        String sku = Catalog.stocked("CLI", "1.00", 5);
        Api.as(client.token())
                .get("/v1/inventory/" + sku)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"");
        Api.as(client.token())
                .header("If-Match", "\"1\"")
                .body(Map.of("onHand", 999))
                .put("/v1/inventory/" + sku)
                .then()
                .statusCode(403)
                .body("code", equalTo("insufficient_scope"));
        Api.as(client.token())
                .body(Map.of("adjustments", List.of(Map.of("sku", sku, "delta", 1, "reason", "restock"))))
                .post("/v1/inventory/adjustments")
                .then()
                .statusCode(403);
        Api.asOperator().get("/v1/inventory/" + sku).then().body("onHand", equalTo(5));
    }

    private List<String> events(String sku) throws Exception {
        List<String> data = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT data - 'updatedAt' FROM platform.outbox
                         WHERE type = 'inventory.stock_changed' AND subject = ? AND topic = 'quartermaster.stock'
                           AND source = '/inventory' AND tenant_id IS NULL ORDER BY seq""")) {
            ps.setString(1, sku);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    data.add(rs.getString(1));
                }
            }
        }
        return data;
    }
}
