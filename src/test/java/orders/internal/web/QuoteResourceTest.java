package orders.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import orders.internal.domain.QuoteExpiry;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Api.TestClient;
import testsupport.Catalog;

/** Quotes over HTTP: create (held stock), read, accept (an order at the quoted prices), cancel, expire. */
@QuarkusTest
class QuoteResourceTest {

    @Inject
    QuoteExpiry expiry;

    static TestClient buyer(String name) {
        return Api.newClient(name, "orders:read", "orders:write", "inventory:read");
    }

    static Map<String, Object> quote(String externalRef, Object... skuQuantityPairs) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < skuQuantityPairs.length; i += 2) {
            lines.add(Map.of("sku", skuQuantityPairs[i], "quantity", skuQuantityPairs[i + 1]));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (externalRef != null) {
            body.put("externalRef", externalRef);
        }
        body.put("lines", lines);
        return body;
    }

    @Test
    void aQuoteHoldsPricedStockAndAcceptingOrdersItAtTheQuotedPrices() throws Exception {
        TestClient c = buyer("Quote Buyer");
        String tiered = Catalog.stocked("QTIER", "10.00", 1000);
        String listed = Catalog.stocked("QLIST", "2.00", 100);
        Api.asOperator()
                .body(Map.of("tiers", List.of(Map.of("minQuantity", 1, "unitPrice", "9.50"))))
                .put("/v1/clients/" + c.id() + "/prices/" + tiered)
                .then()
                .statusCode(200);

        Instant before = Instant.now();
        Response created =
                Api.as(c.token()).body(quote("RFQ-1", tiered, 600, listed, 3)).post("/v1/quotes");
        created.then()
                .statusCode(201)
                .header("Location", endsWith("/v1/quotes/" + created.path("id")))
                .body("status", equalTo("open"))
                .body("externalRef", equalTo("RFQ-1"))
                .body("lines.sku", equalTo(List.of(tiered, listed)))
                .body("lines.unitPrice", equalTo(List.of("9.50", "2.00")))
                .body("lines.lineTotal", equalTo(List.of("5700.00", "6.00")))
                .body("total", equalTo("5706.00"))
                .body("orderId", equalTo(null));
        Instant expiresAt = Instant.parse(created.path("expiresAt"));
        assertThat(Duration.between(before, expiresAt)).isBetween(Duration.ofHours(71), Duration.ofHours(73));
        String id = created.path("id");

        Api.as(c.token())
                .get("/v1/inventory/" + tiered)
                .then()
                .body("onHand", equalTo(1000))
                .body("reserved", equalTo(0))
                .body("held", equalTo(600))
                .body("available", equalTo(400));
        assertThat(sql("SELECT data->>'held' FROM platform.outbox WHERE type = 'inventory.stock_changed'"
                        + " AND subject = '" + tiered + "' ORDER BY seq DESC LIMIT 1"))
                .isEqualTo("600");
        assertThat(sql("SELECT data->>'available' FROM platform.outbox WHERE type = 'inventory.stock_changed'"
                        + " AND subject = '" + tiered + "' ORDER BY seq DESC LIMIT 1"))
                .isEqualTo("400");
        assertThat(sql("SELECT data->>'status' FROM platform.outbox WHERE type = 'quote.created' AND subject = '" + id
                        + "' AND tenant_id = '" + c.id() + "'"))
                .isEqualTo("open");

        // an order for more than is available (held units are not available) is refused
        Api.as(c.token())
                .body(testsupport.Orders.order(null, tiered, 401))
                .post("/v1/orders")
                .then()
                .statusCode(409)
                .body("code", equalTo("insufficient_stock"));

        Api.as(c.token()).get("/v1/quotes/" + id).then().statusCode(200).body("total", equalTo("5706.00"));
        Api.as(c.token()).get("/v1/quotes").then().statusCode(200).body("items.id", hasItem(id));

        // a price change after quoting does not change what the accept charges
        Api.asOperator()
                .body(Map.of("unitPrice", "99.00"))
                .patch("/v1/products/" + listed)
                .then()
                .statusCode(200);

        Response accepted =
                Api.as(c.token()).header("Idempotency-Key", "accept-" + id).post("/v1/quotes/" + id + "/accept");
        accepted.then()
                .statusCode(201)
                .header("Location", endsWith("/v1/orders/" + accepted.path("id")))
                .body("status", equalTo("pending"))
                .body("total", equalTo("5706.00"));
        String orderId = accepted.path("id");
        Api.as(c.token())
                .get("/v1/orders/" + orderId + "/items")
                .then()
                .body("items.unitPrice", equalTo(List.of("9.50", "2.00")));
        Api.as(c.token())
                .get("/v1/inventory/" + tiered)
                .then()
                .body("reserved", equalTo(600))
                .body("held", equalTo(0))
                .body("available", equalTo(400));
        Api.as(c.token())
                .get("/v1/quotes/" + id)
                .then()
                .body("status", equalTo("accepted"))
                .body("orderId", equalTo(orderId));

        // the same key replays the same order; without it, a second accept is refused: never two orders
        Api.as(c.token())
                .header("Idempotency-Key", "accept-" + id)
                .post("/v1/quotes/" + id + "/accept")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(orderId));
        Api.as(c.token())
                .post("/v1/quotes/" + id + "/accept")
                .then()
                .statusCode(409)
                .body("code", equalTo("invalid_transition"));
        Api.as(c.token())
                .post("/v1/quotes/" + id + "/cancel")
                .then()
                .statusCode(409)
                .body("code", equalTo("invalid_transition"));
        assertThat(sql("SELECT count(*) FROM orders.orders WHERE client_id = '" + c.id() + "'"))
                .isEqualTo("1");
        assertThat(sql("SELECT count(*) FROM platform.outbox WHERE type = 'quote.accepted' AND subject = '" + id + "'"))
                .isEqualTo("1");
    }

    @Test
    void anOperatorSetsHowLongAClientsQuotesHoldStock() {
        TestClient c = buyer("Quote Short Hold");
        String sku = Catalog.stocked("QHOLD", "1.00", 10);
        Api.asOperator()
                .header("If-Match", "\"0\"")
                .body(Map.of("quoteHoldDuration", "P31D"))
                .patch("/v1/clients/" + c.id())
                .then()
                .statusCode(400)
                .body("errors[0].pointer", equalTo("/quoteHoldDuration"));
        String etag = Api.asOperator()
                .header("If-Match", "\"0\"")
                .body(Map.of("quoteHoldDuration", "PT1H"))
                .patch("/v1/clients/" + c.id())
                .then()
                .statusCode(200)
                .body("quoteHoldDuration", equalTo("PT1H"))
                .extract()
                .header("ETag");
        Instant before = Instant.now();
        String expiresAt = Api.as(c.token())
                .body(quote(null, sku, 1))
                .post("/v1/quotes")
                .then()
                .statusCode(201)
                .extract()
                .path("expiresAt");
        assertThat(Duration.between(before, Instant.parse(expiresAt)))
                .isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
        Map<String, Object> back = new java.util.HashMap<>();
        back.put("quoteHoldDuration", null);
        Api.asOperator()
                .header("If-Match", etag)
                .body(back)
                .patch("/v1/clients/" + c.id())
                .then()
                .statusCode(200)
                .body("quoteHoldDuration", equalTo(null));
    }

    @Test
    void aThousandLineQuoteIsHeldAndAcceptedInOneGo() {
        TestClient c = buyer("Quote Bulk");
        String prefix = "QBULK-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<Map<String, Object>> products = new ArrayList<>();
        List<Map<String, Object>> stock = new ArrayList<>();
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            products.add(Map.of("sku", prefix + i, "name", "Bulk " + i, "unitPrice", "1.00"));
            stock.add(Map.of("sku", prefix + i, "delta", 10, "reason", "restock"));
            lines.add(Map.of("sku", prefix + (999 - i), "quantity", 1 + i % 3)); // not in SKU order
        }
        Api.asOperator()
                .body(Map.of("products", products))
                .post("/v1/products/batch")
                .then()
                .statusCode(200);
        Api.asOperator()
                .body(Map.of("adjustments", stock))
                .post("/v1/inventory/adjustments")
                .then()
                .statusCode(200);
        String id = Api.as(c.token())
                .body(Map.of("lines", lines))
                .post("/v1/quotes")
                .then()
                .statusCode(201)
                .body("total", equalTo("1999.00"))
                .extract()
                .path("id");
        assertThat(sql("SELECT sum(held) FROM inventory.stock_levels WHERE sku LIKE '" + prefix + "%'"))
                .isEqualTo("1999");
        Api.as(c.token())
                .post("/v1/quotes/" + id + "/accept")
                .then()
                .statusCode(201)
                .body("lineCount", equalTo(1000));
        assertThat(sql("SELECT sum(held) || '/' || sum(reserved) FROM inventory.stock_levels WHERE sku LIKE '" + prefix
                        + "%'"))
                .isEqualTo("0/1999");
    }

    @Test
    void anotherClientsQuoteIsNotFound() {
        TestClient owner = buyer("Quote Owner");
        TestClient other = buyer("Quote Snoop");
        String sku = Catalog.stocked("QISO", "1.00", 10);
        String id = Api.as(owner.token())
                .body(quote(null, sku, 2))
                .post("/v1/quotes")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Api.as(other.token()).get("/v1/quotes/" + id).then().statusCode(404);
        Api.as(other.token()).post("/v1/quotes/" + id + "/accept").then().statusCode(404);
        Api.as(other.token()).post("/v1/quotes/" + id + "/cancel").then().statusCode(404);
        Api.as(other.token()).get("/v1/quotes").then().statusCode(200).body("items.id", not(hasItem(id)));
        Api.as(owner.token()).get("/v1/quotes/" + id).then().statusCode(200).body("status", equalTo("open"));
    }

    @Test
    void cancellingReleasesTheHoldOnce() {
        TestClient c = buyer("Quote Canceller");
        String sku = Catalog.stocked("QCAN", "1.00", 10);
        String id = Api.as(c.token())
                .body(quote(null, sku, 7))
                .post("/v1/quotes")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Api.as(c.token())
                .get("/v1/inventory/" + sku)
                .then()
                .body("held", equalTo(7))
                .body("available", equalTo(3));
        Api.as(c.token())
                .post("/v1/quotes/" + id + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("cancelled"));
        Api.as(c.token())
                .post("/v1/quotes/" + id + "/cancel")
                .then()
                .statusCode(409)
                .body("code", equalTo("invalid_transition"));
        Api.as(c.token())
                .post("/v1/quotes/" + id + "/accept")
                .then()
                .statusCode(409)
                .body("code", equalTo("invalid_transition"));
        Api.as(c.token())
                .get("/v1/inventory/" + sku)
                .then()
                .body("held", equalTo(0))
                .body("available", equalTo(10));
    }

    @Test
    void theExpiryJobReleasesDueQuotesOnceAndAcceptAfterExpiryIsRefused() {
        TestClient c = buyer("Quote Sleeper");
        String sku = Catalog.stocked("QEXP", "1.00", 10);
        String id = Api.as(c.token())
                .body(quote(null, sku, 4))
                .post("/v1/quotes")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        sql("UPDATE orders.quotes SET expires_at = now() - interval '1 second' WHERE id = '" + id + "' RETURNING 1");
        // past its time but not yet expired by the job: accept is refused all the same
        Api.as(c.token())
                .post("/v1/quotes/" + id + "/accept")
                .then()
                .statusCode(409)
                .body("code", equalTo("invalid_transition"));
        expiry.runOnce();
        expiry.runOnce();
        Api.as(c.token()).get("/v1/quotes/" + id).then().body("status", equalTo("expired"));
        Api.as(c.token())
                .get("/v1/inventory/" + sku)
                .then()
                .body("held", equalTo(0))
                .body("available", equalTo(10));
        assertThat(sql("SELECT count(*) FROM platform.outbox WHERE type = 'quote.expired' AND subject = '" + id + "'"))
                .isEqualTo("1");
        assertThat(sql("SELECT sum(held_delta) FROM inventory.stock_movements WHERE sku = '" + sku
                        + "' AND kind = 'unhold'"))
                .isEqualTo("-4");
    }

    @Test
    void creditIsCheckedAtAcceptAndARefusalLeavesTheQuoteOpenAndHeld() {
        UUID client = Api.createClient(Map.of("name", "Small Credit", "currency", "EUR", "creditLimit", "10.00"));
        var credential = Api.createCredential(client, List.of("orders:write", "orders:read", "inventory:read"));
        String token = Api.token(credential.path("clientId"), credential.path("clientSecret"));
        String sku = Catalog.stocked("QCRED", "5.00", 10);
        String id = Api.as(token)
                .body(quote(null, sku, 3))
                .post("/v1/quotes")
                .then()
                .statusCode(201)
                .body("total", equalTo("15.00"))
                .extract()
                .path("id");
        Api.as(token)
                .post("/v1/quotes/" + id + "/accept")
                .then()
                .statusCode(422)
                .body("code", equalTo("credit_limit_exceeded"));
        Api.as(token).get("/v1/quotes/" + id).then().body("status", equalTo("open"));
        Api.as(token)
                .get("/v1/inventory/" + sku)
                .then()
                .body("held", equalTo(3))
                .body("reserved", equalTo(0));
    }

    @Test
    void refusesShortStockUnknownSkusAndBadBodiesAndHoldsNothing() {
        TestClient c = buyer("Quote Refused");
        String scarce = Catalog.stocked("QSHORT", "1.00", 5);
        String plenty = Catalog.stocked("QPLENTY", "1.00", 50);
        Api.as(c.token())
                .body(quote(null, plenty, 10, scarce, 6))
                .post("/v1/quotes")
                .then()
                .statusCode(409)
                .body("code", equalTo("insufficient_stock"))
                .body("shortages[0].sku", equalTo(scarce));
        Api.as(c.token()).get("/v1/inventory/" + plenty).then().body("held", equalTo(0));
        Api.as(c.token())
                .body(quote(null, "QNOPE-" + UUID.randomUUID().toString().substring(0, 8), 1))
                .post("/v1/quotes")
                .then()
                .statusCode(422)
                .body("code", equalTo("unknown_sku"));
        Api.as(c.token())
                .body(Map.of("lines", List.of(Map.of("sku", plenty, "quantity", 1)), "status", "accepted"))
                .post("/v1/quotes")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_request"))
                .body("errors[0].pointer", equalTo("/status"));
        Api.as(c.token())
                .body(Map.of("lines", List.of()))
                .post("/v1/quotes")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_request"));
        Api.as(c.token())
                .body(quote(null, plenty, 1))
                .queryParam("clientId", UUID.randomUUID().toString())
                .post("/v1/quotes")
                .then()
                .statusCode(400);
        Api.as(c.token()).get("/v1/quotes/" + UUID.randomUUID()).then().statusCode(404);
        Api.as(c.token()).get("/v1/quotes?status=bogus").then().statusCode(400);
    }

    @Test
    void anOperatorQuotesForAClient() {
        TestClient c = buyer("Quoted For");
        String sku = Catalog.stocked("QOP", "1.00", 10);
        Api.asOperator().body(quote(null, sku, 1)).post("/v1/quotes").then().statusCode(400);
        String id = Api.asOperator()
                .body(quote(null, sku, 2))
                .queryParam("clientId", c.id().toString())
                .post("/v1/quotes")
                .then()
                .statusCode(201)
                .body("clientId", equalTo(c.id().toString()))
                .extract()
                .path("id");
        Api.as(c.token()).get("/v1/quotes/" + id).then().statusCode(200);
        Api.asOperator()
                .get("/v1/quotes?clientId=" + c.id())
                .then()
                .statusCode(200)
                .body("items.id", hasItem(id));
        Api.as(c.token())
                .post("/v1/quotes/" + id + "/accept")
                .then()
                .statusCode(201)
                .body("id", notNullValue());
    }

    @Test
    void acceptAndCancelHonourIfMatchWhenSent() {
        TestClient c = buyer("Quote If-Match");
        String sku = Catalog.stocked("QIFM", "1.00", 10);
        String accepted = Api.as(c.token())
                .body(quote(null, sku, 2))
                .post("/v1/quotes")
                .then()
                .statusCode(201)
                .header("ETag", "\"0\"")
                .extract()
                .path("id");
        Api.as(c.token())
                .header("If-Match", "\"3\"")
                .header("Idempotency-Key", "ifm-" + accepted)
                .post("/v1/quotes/" + accepted + "/accept")
                .then()
                .statusCode(412)
                .body("code", equalTo("version_conflict"));
        Api.as(c.token())
                .header("If-Match", "\"3\"")
                .post("/v1/quotes/" + accepted + "/cancel")
                .then()
                .statusCode(412)
                .body("code", equalTo("version_conflict"));
        Api.as(c.token()).get("/v1/quotes/" + accepted).then().body("status", equalTo("open"));
        Api.as(c.token())
                .header("If-Match", "\"0\"")
                .post("/v1/quotes/" + accepted + "/accept")
                .then()
                .statusCode(201)
                .body("status", equalTo("pending"));

        String cancelled = Api.as(c.token())
                .body(quote(null, sku, 3))
                .post("/v1/quotes")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Api.as(c.token())
                .header("If-Match", "\"0\"")
                .post("/v1/quotes/" + cancelled + "/cancel")
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("status", equalTo("cancelled"));
        Api.as(c.token())
                .get("/v1/inventory/" + sku)
                .then()
                .body("reserved", equalTo(2))
                .body("held", equalTo(0));
    }

    private String sql(String query) {
        try (Connection c = testsupport.Db.superuser();
                PreparedStatement ps = c.prepareStatement(query);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
