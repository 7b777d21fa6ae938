package orders.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Api.TestClient;
import testsupport.Catalog;
import testsupport.Orders;

/**
 * Shipments over HTTP (ADR 0048): partial shipments consume exactly their quantities, the order is shipped
 * with its last unit and delivered with its last delivery, over-shipping and shipping too early are
 * refused, the plain status moves and cancelling stay consistent with shipments, clients see only theirs.
 */
@QuarkusTest
class ShipmentResourceTest {

    static TestClient buyer(String name) {
        return Api.newClient(name, "orders:read", "orders:write", "inventory:read");
    }

    static Map<String, Object> shipment(String carrier, String tracking, Object... skuQuantityPairs) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < skuQuantityPairs.length; i += 2) {
            lines.add(Map.of("sku", skuQuantityPairs[i], "quantity", skuQuantityPairs[i + 1]));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lines", lines);
        if (carrier != null) {
            body.put("carrier", carrier);
        }
        if (tracking != null) {
            body.put("trackingNumber", tracking);
        }
        return body;
    }

    static String processingOrder(TestClient c, Object... skuQuantityPairs) {
        String id = Api.as(c.token())
                .body(Orders.order(null, skuQuantityPairs))
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Api.asOperator()
                .body(Map.of("status", "processing"))
                .post("/v1/orders/" + id + "/status")
                .then()
                .statusCode(200);
        return id;
    }

    static void stock(TestClient c, String sku, int onHand, int reserved) {
        Api.as(c.token())
                .get("/v1/inventory/" + sku)
                .then()
                .statusCode(200)
                .body("onHand", equalTo(onHand))
                .body("reserved", equalTo(reserved));
    }

    @Test
    void partialShipmentsConsumeTheirQuantitiesAndTheOrderIsShippedThenDelivered() {
        TestClient c = buyer("Ship Buyer");
        TestClient other = buyer("Ship Stranger");
        String a = Catalog.stocked("SHPA", "1.00", 100);
        String b = Catalog.stocked("SHPB", "2.00", 50);
        String order = processingOrder(c, a, 10, b, 5);
        stock(c, a, 100, 10);

        Response first = Api.asOperator()
                .header("Idempotency-Key", "ship-1-" + order)
                .body(shipment("DHL", "JD0001", a, 4))
                .post("/v1/orders/" + order + "/shipments");
        first.then()
                .statusCode(201)
                .header("Location", endsWith("/v1/orders/" + order + "/shipments/" + first.path("id")))
                .header("ETag", "\"0\"")
                .body("orderId", equalTo(order))
                .body("clientId", equalTo(c.id().toString()))
                .body("status", equalTo("shipped"))
                .body("carrier", equalTo("DHL"))
                .body("trackingNumber", equalTo("JD0001"))
                .body("lines.sku", equalTo(List.of(a)))
                .body("lines.quantity", equalTo(List.of(4)))
                .body("deliveredAt", nullValue());
        String s1 = first.path("id");
        stock(c, a, 96, 6);
        stock(c, b, 50, 5);
        Api.as(c.token()).get("/v1/orders/" + order).then().body("status", equalTo("processing"));

        // the same key replays the shipment; nothing ships twice
        Api.asOperator()
                .header("Idempotency-Key", "ship-1-" + order)
                .body(shipment("DHL", "JD0001", a, 4))
                .post("/v1/orders/" + order + "/shipments")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(s1));
        stock(c, a, 96, 6);

        // more than ordered-minus-shipped, and a SKU the order does not have: 422 with every pointer
        Api.asOperator()
                .body(shipment(null, null, a, 7, "NOT-ON-ORDER", 1))
                .post("/v1/orders/" + order + "/shipments")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("shipment_exceeds_order"))
                .body("errors.pointer", equalTo(List.of("/lines/0/quantity", "/lines/1/sku")))
                .body("errors.code", equalTo(List.of("exceeds_unshipped", "not_on_order")));
        stock(c, a, 96, 6);

        // a client cannot ship (orders:fulfil), and malformed bodies are 400
        Api.as(c.token())
                .body(shipment(null, null, a, 1))
                .post("/v1/orders/" + order + "/shipments")
                .then()
                .statusCode(403);
        Map<String, Object> bad = shipment(null, null, a, 0);
        bad.put("status", "delivered");
        Api.asOperator()
                .body(bad)
                .post("/v1/orders/" + order + "/shipments")
                .then()
                .statusCode(400)
                .body("errors.pointer", hasItem("/lines/0/quantity"))
                .body("errors.pointer", hasItem("/status"));

        // the last units: the order becomes shipped, the reservation is gone, on-hand fell by what shipped
        String s2 = Api.asOperator()
                .body(shipment("UPS", "1Z999", a, 6, b, 5))
                .post("/v1/orders/" + order + "/shipments")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        stock(c, a, 90, 0);
        stock(c, b, 45, 0);
        Api.as(c.token())
                .get("/v1/orders/" + order)
                .then()
                .body("status", equalTo("shipped"))
                .body("statusHistory.status", equalTo(List.of("pending", "processing", "shipped")));
        Api.asOperator()
                .body(shipment(null, null, a, 1))
                .post("/v1/orders/" + order + "/shipments")
                .then()
                .statusCode(409)
                .body("code", equalTo("invalid_transition"))
                .body("currentStatus", equalTo("shipped"));

        // events: one shipment.created per shipment, keyed by the order, the stock events saw the consumption
        assertThat(sql("SELECT count(*) FROM platform.outbox WHERE type = 'shipment.created' AND subject = '" + order
                        + "' AND tenant_id = '" + c.id() + "'"))
                .isEqualTo("2");
        assertThat(sql("SELECT data->>'reserved' FROM platform.outbox WHERE type = 'inventory.stock_changed'"
                        + " AND subject = '" + a + "' ORDER BY seq DESC LIMIT 1"))
                .isEqualTo("0");
        assertThat(sql("SELECT data->>'onHand' FROM platform.outbox WHERE type = 'inventory.stock_changed'"
                        + " AND subject = '" + a + "' ORDER BY seq DESC LIMIT 1"))
                .isEqualTo("90");

        // reading: paginated list, ETag on get; another client's order is not found
        Response page1 = Api.as(c.token()).queryParam("limit", 1).get("/v1/orders/" + order + "/shipments");
        page1.then().statusCode(200).body("items.id", equalTo(List.of(s1))).body("nextCursor", notNullValue());
        Api.as(c.token())
                .queryParam("limit", 1)
                .queryParam("cursor", (String) page1.path("nextCursor"))
                .get("/v1/orders/" + order + "/shipments")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(s2)))
                .body("items[0].lines.quantity", equalTo(List.of(6, 5)))
                .body("nextCursor", nullValue());
        Api.as(c.token())
                .queryParam("cursor", "not-a-cursor")
                .get("/v1/orders/" + order + "/shipments")
                .then()
                .statusCode(400);
        Api.as(c.token())
                .get("/v1/orders/" + order + "/shipments/" + s1)
                .then()
                .statusCode(200)
                .header("ETag", "\"0\"");
        Api.as(other.token()).get("/v1/orders/" + order + "/shipments").then().statusCode(404);
        Api.as(other.token())
                .get("/v1/orders/" + order + "/shipments/" + s1)
                .then()
                .statusCode(404);

        // delivery: If-Match required (428), stale (412); the order is delivered with its last shipment
        String deliver1 = "/v1/orders/" + order + "/shipments/" + s1 + "/deliver";
        Api.asOperator().post(deliver1).then().statusCode(428).body("code", equalTo("precondition_required"));
        Api.asOperator()
                .header("If-Match", "\"7\"")
                .post(deliver1)
                .then()
                .statusCode(412)
                .body("code", equalTo("version_conflict"));
        Api.asOperator()
                .header("If-Match", "\"0\"")
                .post(deliver1)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("status", equalTo("delivered"))
                .body("deliveredAt", notNullValue());
        Api.as(c.token()).get("/v1/orders/" + order).then().body("status", equalTo("shipped"));
        Api.asOperator()
                .header("If-Match", "\"1\"")
                .post(deliver1)
                .then()
                .statusCode(409)
                .body("code", equalTo("invalid_transition"));
        Api.asOperator()
                .header("If-Match", "*")
                .post("/v1/orders/" + order + "/shipments/" + s2 + "/deliver")
                .then()
                .statusCode(200);
        Api.as(c.token())
                .get("/v1/orders/" + order)
                .then()
                .body("status", equalTo("delivered"))
                .body("statusHistory.status", equalTo(List.of("pending", "processing", "shipped", "delivered")));
        assertThat(sql("SELECT count(*) FROM platform.outbox WHERE type = 'shipment.delivered' AND subject = '" + order
                        + "'"))
                .isEqualTo("2");
        assertThat(sql("SELECT string_agg(data->>'status', ',' ORDER BY seq) FROM platform.outbox"
                        + " WHERE type = 'order.status_changed' AND subject = '" + order + "'"))
                .isEqualTo("processing,shipped,delivered");
        // delivered orders leave the credit exposure, as with the plain status move
        assertThat(sql("SELECT sum(exposure) FROM orders.client_exposure WHERE client_id = '" + c.id() + "'"))
                .isEqualTo("0.00");
    }

    @Test
    void onlyAProcessingOrderShipsAndAnUnknownOrderIsNotFound() {
        TestClient c = buyer("Ship Early");
        String sku = Catalog.stocked("SHPE", "1.00", 10);
        String pending = Api.as(c.token())
                .body(Orders.order(null, sku, 2))
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Api.asOperator()
                .body(shipment(null, null, sku, 1))
                .post("/v1/orders/" + pending + "/shipments")
                .then()
                .statusCode(409)
                .body("code", equalTo("invalid_transition"))
                .body("currentStatus", equalTo("pending"));
        Api.as(c.token()).post("/v1/orders/" + pending + "/cancel").then().statusCode(200);
        Api.asOperator()
                .body(shipment(null, null, sku, 1))
                .post("/v1/orders/" + pending + "/shipments")
                .then()
                .statusCode(409)
                .body("currentStatus", equalTo("cancelled"));
        stock(c, sku, 10, 0);
        Api.asOperator()
                .body(shipment(null, null, sku, 1))
                .post("/v1/orders/" + java.util.UUID.randomUUID() + "/shipments")
                .then()
                .statusCode(404)
                .body("code", equalTo("not_found"));
    }

    @Test
    void thePlainStatusMovesAndCancellingAgreeWithShipments() {
        TestClient c = buyer("Ship Mixed");
        String a = Catalog.stocked("SHPM", "1.00", 100);
        String b = Catalog.stocked("SHPN", "1.00", 100);

        // an order without shipments: status shipped consumes everything, as always, and records no shipment
        String plain = processingOrder(c, a, 3);
        Api.asOperator()
                .body(Map.of("status", "shipped", "trackingNumber", "PLAIN-1"))
                .post("/v1/orders/" + plain + "/status")
                .then()
                .statusCode(200)
                .body("status", equalTo("shipped"));
        stock(c, a, 97, 0);
        Api.as(c.token())
                .get("/v1/orders/" + plain + "/shipments")
                .then()
                .statusCode(200)
                .body("items", equalTo(List.of()));

        // partly shipped, then status shipped: only the rest is consumed, recorded as one more shipment
        String mixed = processingOrder(c, a, 10, b, 4);
        Api.asOperator()
                .body(shipment(null, null, a, 6))
                .post("/v1/orders/" + mixed + "/shipments")
                .then()
                .statusCode(201);
        Api.asOperator()
                .body(Map.of("status", "shipped", "trackingNumber", "REST-1"))
                .post("/v1/orders/" + mixed + "/status")
                .then()
                .statusCode(200)
                .body("status", equalTo("shipped"));
        stock(c, a, 87, 0);
        stock(c, b, 96, 0);
        Api.as(c.token())
                .get("/v1/orders/" + mixed + "/shipments")
                .then()
                .body("items.size()", equalTo(2))
                .body("items[1].trackingNumber", equalTo("REST-1"))
                .body("items[1].lines.sku", equalTo(List.of(a, b)))
                .body("items[1].lines.quantity", equalTo(List.of(4, 4)));
        // status delivered delivers every shipment
        Api.asOperator()
                .body(Map.of("status", "delivered"))
                .post("/v1/orders/" + mixed + "/status")
                .then()
                .statusCode(200);
        Api.as(c.token())
                .get("/v1/orders/" + mixed + "/shipments")
                .then()
                .body("items.status", equalTo(List.of("delivered", "delivered")));

        // cancelling a partly shipped order releases only what did not ship
        String cancelled = processingOrder(c, a, 5);
        Api.asOperator()
                .body(shipment(null, null, a, 2))
                .post("/v1/orders/" + cancelled + "/shipments")
                .then()
                .statusCode(201);
        stock(c, a, 85, 3);
        Api.asOperator()
                .post("/v1/orders/" + cancelled + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("cancelled"));
        stock(c, a, 85, 0);
    }

    @Test
    void parallelShipmentsNeverShipMoreThanOrdered() throws Exception {
        TestClient c = buyer("Ship Race");
        String sku = Catalog.stocked("SHPR", "1.00", 50);
        String order = processingOrder(c, sku, 10);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> Api.asOperator()
                        .body(shipment(null, null, sku, 3))
                        .post("/v1/orders/" + order + "/shipments")
                        .statusCode());
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                codes.add(f.get());
            }
            assertThat(codes.stream().filter(s -> s == 201).count()).isEqualTo(3);
            assertThat(codes.stream().filter(s -> s == 422).count()).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
        stock(c, sku, 41, 1);
        assertThat(sql("SELECT sum(quantity) FROM orders.shipment_lines WHERE order_id = '" + order + "'"))
                .isEqualTo("9");
        Api.asOperator()
                .body(shipment(null, null, sku, 1))
                .post("/v1/orders/" + order + "/shipments")
                .then()
                .statusCode(201);
        Api.as(c.token()).get("/v1/orders/" + order).then().body("status", equalTo("shipped"));
        stock(c, sku, 40, 0);
    }

    private static String sql(String query) {
        try (Connection c = testsupport.Db.superuser();
                PreparedStatement ps = c.prepareStatement(query);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
