package orders.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Api.TestClient;
import testsupport.Catalog;
import testsupport.Orders;

/**
 * Backorders over HTTP (issue #16 item 2, ADR 0047): the default stays all-or-nothing; a backordered order
 * reserves what is there and queues the rest; restocks allocate first come first served across clients;
 * processing waits for full allocation (or partial, if the client allows it); cancelling releases.
 */
@QuarkusTest
class BackorderResourceTest {

    static TestClient buyer(String name) {
        return Api.newClient(name, "orders:read", "orders:write", "inventory:read");
    }

    static Map<String, Object> backorder(Object... skuQuantityPairs) {
        Map<String, Object> body = Orders.order(null, skuQuantityPairs);
        body.put("backorderPolicy", "backorder");
        return body;
    }

    static void patchClient(TestClient c, Map<String, Object> patch) {
        int version =
                Api.asOperator().get("/v1/clients/" + c.id()).then().extract().path("version");
        Api.asOperator()
                .header("If-Match", "\"" + version + "\"")
                .body(patch)
                .patch("/v1/clients/" + c.id())
                .then()
                .statusCode(200);
    }

    @Test
    void withoutAPolicyAShortOrderIsRefusedAsBeforeAndAFullOneIsAllocated() {
        TestClient c = buyer("Backorder Default");
        String sku = Catalog.stocked("BODEF", "1.00", 5);
        Api.asOperator()
                .get("/v1/clients/" + c.id())
                .then()
                .body("backorderPolicy", equalTo("reject"))
                .body("allowPartialShipment", equalTo(false));
        Api.as(c.token())
                .body(Orders.order(null, sku, 6))
                .post("/v1/orders")
                .then()
                .statusCode(409)
                .body("code", equalTo("insufficient_stock"));
        String id = Api.as(c.token())
                .body(Orders.order(null, sku, 5))
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .body("backorderPolicy", equalTo("reject"))
                .body("backordered", equalTo(0))
                .extract()
                .path("id");
        Api.as(c.token())
                .get("/v1/orders/" + id + "/items")
                .then()
                .body("items.allocated", equalTo(List.of(5)))
                .body("items.backordered", equalTo(List.of(0)));
        assertThat(sql("SELECT count(*) FROM inventory.backorders WHERE sku = '" + sku + "'"))
                .isEqualTo("0");
    }

    @Test
    void aBackorderedOrderReservesWhatIsThereQueuesTheRestAndCountsWholeForCredit() {
        TestClient c = buyer("Backorder Partial");
        String short1 = Catalog.stocked("BOPART", "10.00", 10);
        String plenty = Catalog.stocked("BOFULL", "1.00", 100);
        Response placed =
                Api.as(c.token()).body(backorder(short1, 25, plenty, 3)).post("/v1/orders");
        placed.then()
                .statusCode(201)
                .body("backorderPolicy", equalTo("backorder"))
                .body("backordered", equalTo(15))
                .body("total", equalTo("253.00"));
        String id = placed.path("id");
        Api.as(c.token())
                .get("/v1/orders/" + id + "/items")
                .then()
                .body("items.sku", equalTo(List.of(short1, plenty)))
                .body("items.allocated", equalTo(List.of(10, 3)))
                .body("items.backordered", equalTo(List.of(15, 0)));
        Api.as(c.token())
                .get("/v1/inventory/" + short1)
                .then()
                .body("reserved", equalTo(10))
                .body("available", equalTo(0));
        Api.as(c.token()).get("/v1/orders/" + id).then().body("backordered", equalTo(15));
        assertThat(sql("SELECT sum(exposure) FROM orders.client_exposure WHERE client_id = '" + c.id() + "'"))
                .isEqualTo("253.00");
        assertThat(sql("SELECT quantity FROM inventory.backorders WHERE order_id = '" + id + "'"))
                .isEqualTo("15");

        Api.asOperator()
                .body(Map.of("status", "processing"))
                .post("/v1/orders/" + id + "/status")
                .then()
                .statusCode(409)
                .body("code", equalTo("invalid_transition"))
                .body("backordered", equalTo(15))
                .body("units", equalTo(28));
    }

    @Test
    void aRestockAllocatesFirstComeFirstServedAcrossClients() {
        TestClient older = buyer("Backorder Older");
        TestClient newer = buyer("Backorder Newer");
        patchClient(older, Map.of("backorderPolicy", "backorder")); // the client's default
        String sku = Catalog.stocked("BOFIFO", "1.00", 0);

        String first = Api.as(older.token())
                .body(Orders.order(null, sku, 30))
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .body("backorderPolicy", equalTo("backorder"))
                .body("backordered", equalTo(30))
                .extract()
                .path("id");
        String second = Api.as(newer.token())
                .body(backorder(sku, 20))
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .body("backordered", equalTo(20))
                .extract()
                .path("id");

        Catalog.adjust(sku, 40); // the older order is filled, the head of the rest gets 10 of its 20
        Api.as(older.token()).get("/v1/orders/" + first).then().body("backordered", equalTo(0));
        Api.as(newer.token()).get("/v1/orders/" + second).then().body("backordered", equalTo(10));
        Api.as(newer.token())
                .get("/v1/orders/" + second + "/items")
                .then()
                .body("items.allocated", equalTo(List.of(10)))
                .body("items.backordered", equalTo(List.of(10)));
        Api.asOperator()
                .get("/v1/inventory/" + sku)
                .then()
                .body("onHand", equalTo(40))
                .body("reserved", equalTo(40))
                .body("available", equalTo(0));
        assertThat(sql("SELECT data->>'fullyAllocated' FROM platform.outbox WHERE type = 'order.allocation_changed'"
                        + " AND subject = '" + first + "' AND tenant_id = '" + older.id() + "'"))
                .isEqualTo("true");
        assertThat(sql("SELECT data->'lines'->0->>'allocatedNow' FROM platform.outbox"
                        + " WHERE type = 'order.allocation_changed' AND subject = '" + second + "'"))
                .isEqualTo("10");
        assertThat(sql("SELECT data->>'backordered' FROM platform.outbox WHERE type = 'order.allocation_changed'"
                        + " AND subject = '" + second + "'"))
                .isEqualTo("10");
        assertThat(sql("SELECT data->>'reserved' FROM platform.outbox WHERE type = 'inventory.stock_changed'"
                        + " AND subject = '" + sku + "' ORDER BY seq DESC LIMIT 1"))
                .isEqualTo("40");

        // the older order may be processed now; the newer one only once its client allows partial shipment
        Api.asOperator()
                .body(Map.of("status", "processing"))
                .post("/v1/orders/" + first + "/status")
                .then()
                .statusCode(200);
        Api.asOperator()
                .body(Map.of("status", "processing"))
                .post("/v1/orders/" + second + "/status")
                .then()
                .statusCode(409)
                .body("code", equalTo("invalid_transition"));
        patchClient(newer, Map.of("allowPartialShipment", true));
        Api.asOperator()
                .body(Map.of("status", "processing"))
                .post("/v1/orders/" + second + "/status")
                .then()
                .statusCode(200);
        Api.asOperator() // the whole order ships only when nothing waits
                .body(Map.of("status", "shipped"))
                .post("/v1/orders/" + second + "/status")
                .then()
                .statusCode(409)
                .body("code", equalTo("invalid_transition"));

        // PUT of the stock level allocates too: the rest of the newer order
        int version =
                Api.asOperator().get("/v1/inventory/" + sku).then().extract().path("version");
        Api.asOperator()
                .header("If-Match", "\"" + version + "\"")
                .body(Map.of("onHand", 55))
                .put("/v1/inventory/" + sku)
                .then()
                .statusCode(200)
                .body("reserved", equalTo(50))
                .body("available", equalTo(5));
        Api.as(newer.token()).get("/v1/orders/" + second).then().body("backordered", equalTo(0));
        assertThat(sql("SELECT count(*) FROM inventory.backorders WHERE sku = '" + sku + "'"))
                .isEqualTo("0");
    }

    @Test
    void aPartlyAllocatedOrderShipsOnlyItsAllocatedUnitsAndACancelGivesBackTheRest() {
        TestClient c = buyer("Backorder Shipper");
        patchClient(c, Map.of("allowPartialShipment", true));
        String sku = Catalog.stocked("BOSHIP", "1.00", 10);
        String id = Api.as(c.token())
                .body(backorder(sku, 25))
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .body("backordered", equalTo(15))
                .extract()
                .path("id");
        Api.asOperator()
                .body(Map.of("status", "processing"))
                .post("/v1/orders/" + id + "/status")
                .then()
                .statusCode(200);
        // 11 of 25 ordered, 10 allocated: the queued units have no stock reserved, so they cannot ship
        Api.asOperator()
                .body(Map.of("lines", List.of(Map.of("sku", sku, "quantity", 11))))
                .post("/v1/orders/" + id + "/shipments")
                .then()
                .statusCode(422)
                .body("code", equalTo("shipment_exceeds_order"))
                .body("errors[0].pointer", equalTo("/lines/0/quantity"))
                .body("errors[0].code", equalTo("exceeds_allocated"));
        Api.asOperator()
                .get("/v1/inventory/" + sku)
                .then()
                .body("onHand", equalTo(10))
                .body("reserved", equalTo(10));
        Api.asOperator()
                .body(Map.of("lines", List.of(Map.of("sku", sku, "quantity", 6))))
                .post("/v1/orders/" + id + "/shipments")
                .then()
                .statusCode(201);
        Api.asOperator()
                .get("/v1/inventory/" + sku)
                .then()
                .body("onHand", equalTo(4))
                .body("reserved", equalTo(4));
        // cancel: the 4 allocated, unshipped units go back, the 15 queued ones leave the queue
        Api.as(c.token()).post("/v1/orders/" + id + "/cancel").then().statusCode(200);
        Api.asOperator()
                .get("/v1/inventory/" + sku)
                .then()
                .body("onHand", equalTo(4))
                .body("reserved", equalTo(0))
                .body("available", equalTo(4));
        assertThat(sql("SELECT count(*) FROM inventory.backorders WHERE order_id = '" + id + "'"))
                .isEqualTo("0");
    }

    @Test
    void cancellingABackorderedOrderLeavesTheQueueAndItsUnitsGoToTheNextInLine() {
        TestClient a = buyer("Backorder Cancel A");
        TestClient b = buyer("Backorder Cancel B");
        String sku = Catalog.stocked("BOCANCEL", "1.00", 8);
        String cancelled = Api.as(a.token())
                .body(backorder(sku, 12)) // 8 reserved, 4 queued
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .body("backordered", equalTo(4))
                .extract()
                .path("id");
        String waiting = Api.as(b.token())
                .body(backorder(sku, 6)) // all 6 queued behind
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .body("backordered", equalTo(6))
                .extract()
                .path("id");

        Api.as(a.token()).post("/v1/orders/" + cancelled + "/cancel").then().statusCode(200);

        assertThat(sql("SELECT count(*) FROM inventory.backorders WHERE order_id = '" + cancelled + "'"))
                .isEqualTo("0");
        Api.as(b.token()).get("/v1/orders/" + waiting).then().body("backordered", equalTo(0));
        Api.asOperator() // 8 released, 6 of them to the waiting order
                .get("/v1/inventory/" + sku)
                .then()
                .body("onHand", equalTo(8))
                .body("reserved", equalTo(6))
                .body("available", equalTo(2));
        assertThat(sql("SELECT sum(exposure) FROM orders.client_exposure WHERE client_id = '" + a.id() + "'"))
                .isEqualTo("0.00");
        assertThat(sql("SELECT count(*) FROM platform.outbox WHERE type = 'order.allocation_changed'"
                        + " AND subject = '" + waiting + "' AND tenant_id = '" + b.id() + "'"))
                .isEqualTo("1");
    }

    @Test
    void anUnknownPolicyIsRefusedWithItsPointer() {
        TestClient c = buyer("Backorder Invalid");
        String sku = Catalog.stocked("BOINV", "1.00", 5);
        Map<String, Object> body = Orders.order(null, sku, 1);
        body.put("backorderPolicy", "sometimes");
        Api.as(c.token())
                .body(body)
                .post("/v1/orders")
                .then()
                .statusCode(400)
                .body("errors[0].pointer", equalTo("/backorderPolicy"));
        body.put("backorderPolicy", 7);
        Api.as(c.token()).body(body).post("/v1/orders").then().statusCode(400);
        Api.asOperator()
                .header("If-Match", "\"0\"")
                .body(Map.of("backorderPolicy", "always", "allowPartialShipment", "yes"))
                .patch("/v1/clients/" + c.id())
                .then()
                .statusCode(400)
                .body(
                        "errors.pointer",
                        org.hamcrest.Matchers.containsInAnyOrder("/backorderPolicy", "/allowPartialShipment"));
    }

    static String sql(String query) {
        try (Connection c = testsupport.Db.superuser();
                PreparedStatement ps = c.prepareStatement(query);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
