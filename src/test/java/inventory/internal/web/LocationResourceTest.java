package inventory.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Api.TestClient;
import testsupport.Catalog;
import testsupport.Orders;

/**
 * Stock per location over HTTP (issue #16 item 3, ADR 0052): the locations resource, stock per (SKU,
 * location) beside unchanged per-SKU totals, the allocator (one location when one can serve the order, else a
 * split by rank; or the named one), and releases and shipments that return or take exactly the units an order
 * reserved. After every test the per-location rows of every SKU sum to its total.
 */
@QuarkusTest
class LocationResourceTest {

    static String code(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String location(String prefix, int rank) {
        String code = code(prefix);
        Api.asOperator()
                .body(Map.of("code", code, "name", "Warehouse " + code, "rank", rank))
                .post("/v1/locations")
                .then()
                .statusCode(201);
        return code;
    }

    /** Sets a SKU's on-hand at a location through the API. */
    static void stockAt(String sku, String location, long onHand) {
        Response current = Api.asOperator().get("/v1/inventory/" + sku + "/locations/" + location);
        current.then().statusCode(200);
        Api.asOperator()
                .header("If-Match", current.header("ETag"))
                .body(Map.of("onHand", onHand))
                .put("/v1/inventory/" + sku + "/locations/" + location)
                .then()
                .statusCode(200)
                .body("onHand", equalTo((int) onHand));
    }

    static long at(String sku, String location, String column) {
        String v = sql("SELECT coalesce((SELECT " + column + " FROM inventory.location_stock WHERE sku = '" + sku
                + "' AND location = '" + location + "'), 0)");
        return Long.parseLong(v);
    }

    /** Every SKU's locations sum to its total, everywhere in the database. */
    @AfterEach
    void locationsSumToTotals() {
        assertThat(sql("""
                        SELECT count(*) FROM inventory.stock_levels s
                          LEFT JOIN (SELECT sku, sum(on_hand) AS on_hand, sum(reserved) AS reserved, sum(held) AS held
                                       FROM inventory.location_stock GROUP BY sku) l USING (sku)
                         WHERE s.on_hand <> coalesce(l.on_hand, 0) OR s.reserved <> coalesce(l.reserved, 0)
                            OR s.held <> coalesce(l.held, 0)"""))
                .as("SKUs whose locations do not sum to their total")
                .isEqualTo("0");
        assertThat(sql("""
                        SELECT count(*) FROM (
                            SELECT r.sku, r.location, sum(r.reserved) AS reserved, sum(r.held) AS held
                              FROM inventory.location_reservations r GROUP BY r.sku, r.location) o
                          JOIN inventory.location_stock ls USING (sku, location)
                         WHERE o.reserved > ls.reserved OR o.held > ls.held"""))
                .as("owner rows that claim more than their location has reserved or held")
                .isEqualTo("0");
    }

    @Test
    void operatorsCreateReadListAndPatchLocationsClientsOnlyRead() {
        String code = code("LOCCRUD");
        Response created = Api.asOperator()
                .body(Map.of("code", code, "name", "East warehouse"))
                .post("/v1/locations");
        created.then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/v1/locations/" + code))
                .header("ETag", "\"0\"")
                .body("code", equalTo(code))
                .body("rank", equalTo(100))
                .body("active", equalTo(true))
                .body("createdAt", notNullValue());
        Api.asOperator()
                .body(Map.of("code", code, "name", "Again"))
                .post("/v1/locations")
                .then()
                .statusCode(409)
                .body("code", equalTo("conflict"))
                .body("errors[0].pointer", equalTo("/code"))
                .body("errors[0].code", equalTo("duplicate_location"));
        Api.asOperator()
                .body(Map.of("code", "no spaces", "name", ""))
                .post("/v1/locations")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_request"));

        TestClient client = Api.newClient("Location Reader", "orders:read", "orders:write", "inventory:read");
        Api.as(client.token())
                .get("/v1/locations/" + code)
                .then()
                .statusCode(200)
                .header("ETag", "\"0\"");
        Api.as(client.token())
                .body(Map.of("code", code("LOCCLI"), "name", "Mine"))
                .post("/v1/locations")
                .then()
                .statusCode(403);
        Api.as(client.token())
                .header("If-Match", "\"0\"")
                .body(Map.of("name", "Mine"))
                .patch("/v1/locations/" + code)
                .then()
                .statusCode(403);
        Api.asOperator().get("/v1/locations/" + code("NOPE")).then().statusCode(404);

        Api.asOperator()
                .body(Map.of("rank", 5))
                .patch("/v1/locations/" + code)
                .then()
                .statusCode(428);
        Api.asOperator()
                .header("If-Match", "\"7\"")
                .body(Map.of("rank", 5))
                .patch("/v1/locations/" + code)
                .then()
                .statusCode(412)
                .body("code", equalTo("version_conflict"));
        Api.asOperator()
                .header("If-Match", "\"0\"")
                .body(Map.of("rank", "high", "code", "x"))
                .patch("/v1/locations/" + code)
                .then()
                .statusCode(400);
        Api.asOperator()
                .header("If-Match", "\"0\"")
                .body(Map.of("rank", 5, "name", "East", "active", false))
                .patch("/v1/locations/" + code)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("rank", equalTo(5))
                .body("name", equalTo("East"))
                .body("active", equalTo(false));

        int defaultVersion =
                Api.asOperator().get("/v1/locations/default").then().extract().path("version");
        Api.asOperator()
                .header("If-Match", "\"" + defaultVersion + "\"")
                .body(Map.of("active", false))
                .patch("/v1/locations/default")
                .then()
                .statusCode(409)
                .body("errors[0].code", equalTo("default_location_active"));
    }

    /** SPEC 5.4: a key is kept 24 h; the location's key was once kept for ever (a later reuse was 422). */
    @Test
    void anIdempotencyKeyOlderThanTheRetentionIsANewKey() throws Exception {
        String key = UUID.randomUUID().toString();
        String first = code("LOCOLD");
        Api.asOperator()
                .header("Idempotency-Key", key)
                .body(Map.of("code", first, "name", "Yesterday", "rank", 7))
                .post("/v1/locations")
                .then()
                .statusCode(201);
        try (Connection c = testsupport.Db.superuser();
                PreparedStatement age = c.prepareStatement(
                        "UPDATE inventory.locations SET created_at = created_at - interval '25 hours' WHERE code = ?")) {
            age.setString(1, first);
            assertThat(age.executeUpdate()).isEqualTo(1);
        }
        String second = code("LOCNEW");
        Response again = Api.asOperator()
                .header("Idempotency-Key", key)
                .body(Map.of("code", second, "name", "Today", "rank", 8))
                .post("/v1/locations");
        again.then().statusCode(201).body("code", equalTo(second));
        assertThat(again.header("Idempotent-Replayed")).isNull();
        Api.asOperator() // the key now belongs to the second create: a different body within 24 h is refused
                .header("Idempotency-Key", key)
                .body(Map.of("code", code("LOCNEW"), "name", "Other"))
                .post("/v1/locations")
                .then()
                .statusCode(422)
                .body("code", equalTo("idempotency_key_reused"));
        Api.asOperator().get("/v1/locations/" + first).then().statusCode(200).body("name", equalTo("Yesterday"));
    }

    @Test
    void theListIsCursorPaginatedAndCreatesHonourIdempotencyKeys() {
        String key = UUID.randomUUID().toString();
        String code = code("LOCIDEM");
        Map<String, Object> body = Map.of("code", code, "name", "Idempotent", "rank", 7);
        Api.asOperator()
                .header("Idempotency-Key", key)
                .body(body)
                .post("/v1/locations")
                .then()
                .statusCode(201);
        Api.asOperator()
                .header("Idempotency-Key", key)
                .body(body)
                .post("/v1/locations")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("code", equalTo(code));
        Api.asOperator()
                .header("Idempotency-Key", key)
                .body(Map.of("code", code("LOCIDEM"), "name", "Other"))
                .post("/v1/locations")
                .then()
                .statusCode(422)
                .body("code", equalTo("idempotency_key_reused"));
        String other = location("LOCPAGE", 100);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = Api.asOperator().queryParam("limit", 2);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            Response page = request.get("/v1/locations");
            page.then().statusCode(200);
            List<String> codes = page.path("items.code");
            assertThat(codes.size()).isLessThanOrEqualTo(2);
            seen.addAll(codes);
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null && pages < 1000);
        assertThat(seen).contains("default", code, other).doesNotHaveDuplicates();
        Api.asOperator()
                .queryParam("cursor", "not-a-cursor")
                .get("/v1/locations")
                .then()
                .statusCode(400);
    }

    @Test
    void perLocationStockSumsToTheUnchangedPerSkuTotals() {
        String east = location("LOCEAST", 10);
        String sku = Catalog.stocked("LOCSUM", "1.00", 10); // no location named: 'default'
        assertThat(at(sku, "default", "on_hand")).isEqualTo(10);
        stockAt(sku, east, 7);
        Api.asOperator()
                .get("/v1/inventory/" + sku)
                .then()
                .body("onHand", equalTo(17))
                .body("available", equalTo(17))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("locations")));
        Api.asOperator()
                .get("/v1/inventory/" + sku + "/locations")
                .then()
                .statusCode(200)
                .body("items.location", equalTo(List.of("default", east)))
                .body("items.onHand", equalTo(List.of(10, 7)));
        Api.asOperator()
                .body(Map.of(
                        "adjustments",
                        List.of(
                                Map.of("sku", sku, "delta", -2, "reason", "damage", "location", east),
                                Map.of("sku", sku, "delta", 3, "reason", "restock"))))
                .post("/v1/inventory/adjustments")
                .then()
                .statusCode(200)
                .body("items[0].onHand", equalTo(18));
        assertThat(at(sku, east, "on_hand")).isEqualTo(5);
        assertThat(at(sku, "default", "on_hand")).isEqualTo(13);
        Api.asOperator()
                .body(Map.of(
                        "adjustments",
                        List.of(Map.of("sku", sku, "delta", 1, "reason", "restock", "location", code("NOWHERE")))))
                .post("/v1/inventory/adjustments")
                .then()
                .statusCode(400)
                .body("errors[0].code", equalTo("unknown_location"))
                .body("errors[0].pointer", equalTo("/adjustments/0/location"));
        Api.asOperator()
                .body(Map.of(
                        "adjustments", List.of(Map.of("sku", sku, "delta", -6, "reason", "damage", "location", east))))
                .post("/v1/inventory/adjustments")
                .then()
                .statusCode(409)
                .body("code", equalTo("stock_below_reserved"));

        // PUT without a location sets the total by changing 'default'; it cannot take units from elsewhere
        Response level = Api.asOperator().get("/v1/inventory/" + sku);
        Api.asOperator()
                .header("If-Match", level.header("ETag"))
                .body(Map.of("onHand", 4))
                .put("/v1/inventory/" + sku)
                .then()
                .statusCode(409)
                .body("code", equalTo("stock_below_reserved"));
        Api.asOperator()
                .header("If-Match", level.header("ETag"))
                .body(Map.of("onHand", 6))
                .put("/v1/inventory/" + sku)
                .then()
                .statusCode(200)
                .body("onHand", equalTo(6));
        assertThat(at(sku, "default", "on_hand")).isEqualTo(1);
        assertThat(at(sku, east, "on_hand")).isEqualTo(5);

        Api.asOperator()
                .header("If-Match", "\"999\"")
                .body(Map.of("onHand", 1))
                .put("/v1/inventory/" + sku + "/locations/" + east)
                .then()
                .statusCode(412);
        Api.asOperator()
                .body(Map.of("onHand", 1))
                .put("/v1/inventory/" + sku + "/locations/" + east)
                .then()
                .statusCode(428);
        Api.asOperator()
                .get("/v1/inventory/" + sku + "/locations/" + code("NOWHERE"))
                .then()
                .statusCode(404);
    }

    @Test
    void theAllocatorTakesOneLocationWhenOneCanServeTheOrderElseSplitsByRank() {
        String near = location("LOCNEAR", 1);
        String far = location("LOCFAR", 2);
        String a = Catalog.product("LOCALA", "1.00");
        String b = Catalog.product("LOCALB", "1.00");
        stockAt(a, near, 10);
        stockAt(b, near, 1);
        stockAt(a, far, 10);
        stockAt(b, far, 10);
        TestClient c = Api.newClient("Location Allocator", "orders:read", "orders:write", "inventory:read");

        // near cannot serve b=3, far can serve both lines: everything from far
        String one = Orders.place(c.token(), Orders.order(null, a, 4, b, 3));
        assertThat(at(a, far, "reserved")).isEqualTo(4);
        assertThat(at(b, far, "reserved")).isEqualTo(3);
        assertThat(at(a, near, "reserved")).isZero();

        // no location has 15 of a: a splits by rank (near 10, far 5 of its remaining 6); b from near first
        String split = Orders.place(c.token(), Orders.order(null, a, 15, b, 2));
        assertThat(at(a, near, "reserved")).isEqualTo(10);
        assertThat(at(a, far, "reserved")).isEqualTo(9);
        assertThat(at(b, near, "reserved")).isEqualTo(1);
        assertThat(at(b, far, "reserved")).isEqualTo(4);
        Api.as(c.token())
                .get("/v1/inventory/" + a)
                .then()
                .body("reserved", equalTo(19))
                .body("available", equalTo(1));

        // a named location: only its units count; short there is the usual 409 with shortages
        Map<String, Object> named = Orders.order(null, b, 7);
        named.put("location", near);
        Api.as(c.token())
                .body(named)
                .post("/v1/orders")
                .then()
                .statusCode(409)
                .body("code", equalTo("insufficient_stock"))
                .body("shortages[0].available", equalTo(0));
        named = Orders.order(null, b, 5);
        named.put("location", far);
        String atFar = Orders.place(c.token(), named);
        assertThat(at(b, far, "reserved")).isEqualTo(9);
        named.put("location", code("NOWHERE"));
        Api.as(c.token())
                .body(named)
                .post("/v1/orders")
                .then()
                .statusCode(400)
                .body("errors[0].code", equalTo("unknown_location"))
                .body("errors[0].pointer", equalTo("/location"));
        named.put("location", "not a code!");
        Api.as(c.token()).body(named).post("/v1/orders").then().statusCode(400);

        // cancelling the split order gives back exactly its units, where they were taken
        Api.as(c.token())
                .body(Map.of())
                .post("/v1/orders/" + split + "/cancel")
                .then()
                .statusCode(200);
        assertThat(at(a, near, "reserved")).isZero();
        assertThat(at(a, far, "reserved")).isEqualTo(4);
        assertThat(at(b, near, "reserved")).isZero();
        assertThat(at(b, far, "reserved")).isEqualTo(8);

        // shipping takes on-hand from the location that reserved it
        Api.asOperator()
                .body(Map.of("status", "processing"))
                .post("/v1/orders/" + atFar + "/status")
                .then()
                .statusCode(200);
        Api.asOperator()
                .body(Map.of("lines", List.of(Map.of("sku", b, "quantity", 2))))
                .post("/v1/orders/" + atFar + "/shipments")
                .then()
                .statusCode(201);
        assertThat(at(b, far, "on_hand")).isEqualTo(8);
        assertThat(at(b, far, "reserved")).isEqualTo(6);
        assertThat(at(b, near, "on_hand")).isEqualTo(1);
        assertThat(sql("SELECT reserved FROM inventory.location_reservations WHERE owner_id = '" + atFar
                        + "' AND sku = '" + b + "'"))
                .isEqualTo("3");
        assertThat(sql("SELECT count(*) FROM inventory.location_reservations WHERE owner_id = '" + split + "'"))
                .isEqualTo("0");
        assertThat(one).isNotNull();
    }

    @Test
    void quotesHoldAtTheChosenLocationAndAcceptReservesThere() {
        String far = location("LOCQFAR", 3);
        String sku = Catalog.product("LOCQ", "2.00");
        stockAt(sku, far, 6);
        TestClient c = Api.newClient("Location Quotes", "orders:read", "orders:write", "inventory:read");
        String quote = Api.as(c.token())
                .body(Map.of("lines", List.of(Map.of("sku", sku, "quantity", 4))))
                .post("/v1/quotes")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertThat(at(sku, far, "held")).isEqualTo(4);
        Api.as(c.token()).post("/v1/quotes/" + quote + "/accept").then().statusCode(201);
        assertThat(at(sku, far, "held")).isZero();
        assertThat(at(sku, far, "reserved")).isEqualTo(4);
        assertThat(sql("SELECT count(*) FROM inventory.location_reservations WHERE owner_id = '" + quote + "'"))
                .isEqualTo("0");
    }

    /**
     * Units an owner has at {@code default} alone write no owner row (ADR 0060): the order, the quote and the
     * accepted quote's order below leave none, and releasing, shipping and accepting still move exactly their
     * units. A line split between {@code default} and another location records both places.
     */
    @Test
    void unitsAtDefaultAloneNeedNoOwnerRows() {
        String sku = Catalog.stocked("LOCIMPL", "1.00", 10);
        TestClient c = Api.newClient("Location Default", "orders:read", "orders:write", "inventory:read");
        String shipped = Orders.place(c.token(), Orders.order(null, sku, 4));
        String cancelled = Orders.place(c.token(), Orders.order(null, sku, 3));
        String quote = Api.as(c.token())
                .body(Map.of("lines", List.of(Map.of("sku", sku, "quantity", 2))))
                .post("/v1/quotes")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertThat(at(sku, "default", "reserved")).isEqualTo(7);
        assertThat(at(sku, "default", "held")).isEqualTo(2);
        assertThat(ownerRows(shipped, cancelled, quote)).isEqualTo("0");

        Api.asOperator()
                .body(Map.of("status", "processing"))
                .post("/v1/orders/" + shipped + "/status")
                .then()
                .statusCode(200);
        Api.asOperator()
                .body(Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1))))
                .post("/v1/orders/" + shipped + "/shipments")
                .then()
                .statusCode(201);
        Api.as(c.token())
                .body(Map.of())
                .post("/v1/orders/" + cancelled + "/cancel")
                .then()
                .statusCode(200);
        String accepted = Api.as(c.token())
                .post("/v1/quotes/" + quote + "/accept")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertThat(at(sku, "default", "on_hand")).isEqualTo(9);
        assertThat(at(sku, "default", "reserved")).isEqualTo(5); // 3 left of the shipped order, 2 accepted
        assertThat(at(sku, "default", "held")).isZero();
        assertThat(ownerRows(shipped, cancelled, quote, accepted)).isEqualTo("0");

        // 4 at default and 2 at the dock cannot serve 5 from one place: the split records both
        String dock = location("LOCIMPLDOCK", 9);
        String split = Catalog.stocked("LOCIMPLSPLIT", "1.00", 4);
        stockAt(split, dock, 2);
        String both = Orders.place(c.token(), Orders.order(null, split, 5));
        assertThat(sql("SELECT string_agg(location || '=' || reserved, ',' ORDER BY location <> 'default')"
                        + " FROM inventory.location_reservations WHERE owner_id = '" + both + "'"))
                .isEqualTo("default=4," + dock + "=1");
        Api.as(c.token())
                .body(Map.of())
                .post("/v1/orders/" + both + "/cancel")
                .then()
                .statusCode(200);
        assertThat(at(split, "default", "reserved")).isZero();
        assertThat(at(split, dock, "reserved")).isZero();
    }

    private static String ownerRows(String... owners) {
        return sql("SELECT count(*) FROM inventory.location_reservations WHERE owner_id::text IN ('"
                + String.join("','", owners) + "')");
    }

    @Test
    void backordersAreAllocatedFromTheRestockedLocation() {
        String dock = location("LOCDOCK", 50);
        String sku = Catalog.stocked("LOCBO", "1.00", 2);
        TestClient c = Api.newClient("Location Backorders", "orders:read", "orders:write", "inventory:read");
        Map<String, Object> body = Orders.order(null, sku, 5);
        body.put("backorderPolicy", "backorder");
        String id = Api.as(c.token())
                .body(body)
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .body("backordered", equalTo(3))
                .extract()
                .path("id");
        stockAt(sku, dock, 10);
        assertThat(at(sku, dock, "reserved")).isEqualTo(3);
        assertThat(at(sku, "default", "reserved")).isEqualTo(2);
        // the 3 allocated at the dock have their row; the 2 taken at default when the order was placed need none
        assertThat(sql("SELECT sum(reserved) FROM inventory.location_reservations WHERE owner_id = '" + id + "'"))
                .isEqualTo("3");
        Api.as(c.token()).get("/v1/orders/" + id).then().body("backordered", equalTo(0));
        Api.as(c.token())
                .body(Map.of())
                .post("/v1/orders/" + id + "/cancel")
                .then()
                .statusCode(200);
        assertThat(at(sku, dock, "reserved")).isZero();
        assertThat(at(sku, "default", "reserved")).isZero();
    }

    @Test
    void stockEventsCarryPerLocationLevels() {
        String east = location("LOCEVT", 10);
        String sku = Catalog.product("LOCEV", "1.00");
        stockAt(sku, east, 3);
        String last = "FROM platform.outbox WHERE type = 'inventory.stock_changed' AND subject = '" + sku
                + "' ORDER BY seq DESC LIMIT 1";
        assertThat(sql("SELECT data->'locations'->0->>'location' " + last)).isEqualTo(east);
        assertThat(sql("SELECT data->'locations'->0->>'onHand' " + last)).isEqualTo("3");
        assertThat(sql("SELECT data->'locations'->0->>'available' " + last)).isEqualTo("3");
        assertThat(sql("SELECT data->>'onHand' " + last)).isEqualTo("3");
        assertThat(sql("SELECT data->>'available' " + last)).isEqualTo("3");
        String plain = Catalog.stocked("LOCEVD", "1.00", 4); // only at 'default': the event is as before
        assertThat(sql("SELECT (data->'locations') IS NULL FROM platform.outbox WHERE type = 'inventory.stock_changed'"
                        + " AND subject = '" + plain + "' ORDER BY seq DESC LIMIT 1"))
                .isEqualTo("t");
        Api.asOperator().get("/v1/inventory/" + sku + "/locations").then().body("items.location", hasItem(east));
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
