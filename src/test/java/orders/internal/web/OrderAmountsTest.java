package orders.internal.web;

import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Catalog;
import testsupport.Orders;

/**
 * Hostile amounts and text in orders: discounts that would round a line to nothing, a total beyond what
 * the database can hold (on the endpoint and inside a batch), a lone UTF-16 surrogate in a text field.
 */
@QuarkusTest
class OrderAmountsTest {

    private static String buyer(String discountPercent) {
        UUID id = Api.createClient(Map.of(
                "name",
                "Discount Co",
                "currency",
                "EUR",
                "creditLimit",
                "1000000.00",
                "discountPercent",
                new java.math.BigDecimal(discountPercent)));
        Response credential = Api.createCredential(id, List.of("orders:read", "orders:write"));
        return Api.token(credential.path("clientId"), credential.path("clientSecret"));
    }

    @Test
    void aPositiveListPriceNeverBecomesFree() {
        String token = buyer("50");
        String sku = Catalog.stocked("CENT", "0.01", 1_000_000);
        Api.as(token)
                .body(Orders.order(null, sku, 1_000_000))
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .body("total", equalTo("10000.00")); // 0.005 would round to 0.00: the unit price stays 0.01
        String single = Catalog.stocked("CENT1", "0.01", 1);
        Api.as(token)
                .body(Orders.order(null, single, 1))
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .body("total", equalTo("0.01"));
    }

    @Test
    void theLineTotalIsTheRoundedUnitPriceTimesTheQuantity() {
        String token = buyer("33.33");
        String sku = Catalog.stocked("THIRD", "0.03", 1_000_000);
        Api.as(token)
                .body(Orders.order(null, sku, 1_000_000))
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .body("total", equalTo("20000.00")); // 0.02001 → 0.02 (SPEC §3.3), × 1,000,000
    }

    @Test
    void aTotalBeyondTheColumnIs422AmountTooLargeAlsoInABatch() throws Exception {
        var client = Api.newClient("Huge Co", "orders:read", "orders:write");
        String sku = Catalog.stocked("HUGE", "100000000000000.00", 10_000);
        Api.as(client.token())
                .body(Orders.order(null, sku, 10_000))
                .post("/v1/orders")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("amount_too_large"));
        Response accepted = Api.as(client.token())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("orders", List.of(Orders.order("HUGE-B", sku, 10_000))))
                .post("/v1/orders/batch");
        accepted.then().statusCode(202);
        Response done = OrderBatchTest.awaitCompleted(client.token(), "/v1/order-batches/" + accepted.path("batchId"));
        done.then()
                .body("results[0].status", equalTo("rejected"))
                .body("results[0].error.status", equalTo(422))
                .body("results[0].error.code", equalTo("amount_too_large"));
    }

    /** An order body with {@code field} set to {@code rawJsonString}, written as it is (escapes kept). */
    private static String withRaw(String sku, String field, String rawJsonString) throws Exception {
        Map<String, Object> order = new java.util.LinkedHashMap<>(Orders.order(null, sku, 1));
        order.put(field, "@@RAW@@");
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(order)
                .replace("\"@@RAW@@\"", rawJsonString);
    }

    @Test
    void refusesALoneSurrogateInText() throws Exception {
        var client = Api.newClient("Surrogate Co", "orders:read", "orders:write");
        String sku = Catalog.stocked("SUR", "1.00", 5);
        Api.as(client.token())
                .body(withRaw(sku, "notes", "\"bad \\uD800 here\""))
                .post("/v1/orders")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_request"));
        Api.as(client.token())
                .body(withRaw(sku, "externalRef", "\"x\\uDC00\""))
                .post("/v1/orders")
                .then()
                .statusCode(400);
        // a proper pair (an emoji) is fine
        Api.as(client.token())
                .body(withRaw(sku, "notes", "\"ok \\uD83D\\uDE00\""))
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .body("notes", equalTo("ok \uD83D\uDE00"));
        Api.asOperator()
                .body("{\"name\":\"Lone \\uD800\",\"currency\":\"EUR\",\"creditLimit\":\"1.00\"}")
                .post("/v1/clients")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_request"));
    }
}
