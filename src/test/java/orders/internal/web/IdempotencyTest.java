package orders.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Api.TestClient;
import testsupport.Catalog;
import testsupport.Orders;

@QuarkusTest
class IdempotencyTest {

    @Test
    void replaysTheOriginalAnswerForTheSameKeyAndBody() {
        TestClient c = Api.newClient("Idem Buyer", "orders:read", "orders:write", "inventory:read");
        String sku = Catalog.stocked("IDEM", "1.00", 10);
        String key = UUID.randomUUID().toString();
        Response first = Api.as(c.token())
                .header("Idempotency-Key", key)
                .body(Orders.order("PO-I", sku, 2))
                .post("/v1/orders");
        first.then().statusCode(201);
        Response again = Api.as(c.token())
                .header("Idempotency-Key", key)
                .body(Orders.order("PO-I", sku, 2))
                .post("/v1/orders");
        again.then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", first.header("Location"))
                .body("id", equalTo(first.path("id")));
        assertThat(first.header("Idempotent-Replayed")).isNull();
        Api.as(c.token()).get("/v1/inventory/" + sku).then().body("reserved", equalTo(2));
    }

    @Test
    void refusesTheSameKeyWithAnotherBody() {
        TestClient c = Api.newClient("Idem Reuse", "orders:write");
        String sku = Catalog.stocked("IDRE", "1.00", 10);
        String key = UUID.randomUUID().toString();
        Api.as(c.token())
                .header("Idempotency-Key", key)
                .body(Orders.order(null, sku, 1))
                .post("/v1/orders")
                .then()
                .statusCode(201);
        Api.as(c.token())
                .header("Idempotency-Key", key)
                .body(Orders.order(null, sku, 2))
                .post("/v1/orders")
                .then()
                .statusCode(422)
                .body("code", equalTo("idempotency_key_reused"));
    }

    @Test
    void replaysARefusalToo() {
        TestClient c = Api.newClient("Idem Refused", "orders:write");
        String sku = Catalog.stocked("IDRF", "1.00", 1);
        String key = UUID.randomUUID().toString();
        Response first = Api.as(c.token())
                .header("Idempotency-Key", key)
                .body(Orders.order(null, sku, 5))
                .post("/v1/orders");
        first.then().statusCode(409).body("code", equalTo("insufficient_stock"));
        Catalog.adjust(sku, 10); // stock arrives, but the key stands for the first answer
        Api.as(c.token())
                .header("Idempotency-Key", key)
                .body(Orders.order(null, sku, 5))
                .post("/v1/orders")
                .then()
                .statusCode(409)
                .header("Idempotent-Replayed", "true")
                .contentType("application/problem+json")
                .body("traceId", equalTo(first.path("traceId")));
    }

    @Test
    void keysAreScopedToTheClient() {
        TestClient a = Api.newClient("Idem A", "orders:write");
        TestClient b = Api.newClient("Idem B", "orders:write");
        String sku = Catalog.stocked("IDSC", "1.00", 10);
        String key = UUID.randomUUID().toString();
        String ida = Api.as(a.token())
                .header("Idempotency-Key", key)
                .body(Orders.order(null, sku, 1))
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String idb = Api.as(b.token())
                .header("Idempotency-Key", key)
                .body(Orders.order(null, sku, 1))
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertThat(ida).isNotEqualTo(idb);
    }

    @Test
    void refusesAKeyThatIsTooLong() {
        TestClient c = Api.newClient("Idem Long", "orders:write");
        Api.as(c.token())
                .header("Idempotency-Key", "k".repeat(256))
                .body(Orders.order(null, "X-1", 1))
                .post("/v1/orders")
                .then()
                .statusCode(400);
    }

    @Test
    void eightConcurrentRequestsWithOneKeyCreateOneOrder() throws Exception {
        TestClient c = Api.newClient("Idem Race", "orders:read", "orders:write", "inventory:read");
        String sku = Catalog.stocked("IDRC", "1.00", 100);
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> RestAssured.given()
                    .auth()
                    .oauth2(c.token())
                    .contentType("application/json")
                    .header("Idempotency-Key", key)
                    .body(Orders.order("PO-RACE", sku, 3))
                    .post("/v1/orders"));
        }
        List<Response> responses = new ArrayList<>();
        for (Future<Response> f : pool.invokeAll(calls)) {
            responses.add(f.get());
        }
        pool.shutdown();
        for (Response r : responses) {
            assertThat(r.statusCode()).isIn(201, 409);
            if (r.statusCode() == 409) {
                assertThat(r.jsonPath().getString("code")).isEqualTo("idempotency_key_in_flight");
                assertThat(r.jsonPath().getBoolean("retryable")).isTrue();
                assertThat(r.header("Retry-After")).isNotNull();
            }
        }
        assertThat(responses.stream()
                        .filter(r -> r.statusCode() == 201)
                        .map(r -> r.path("id"))
                        .distinct())
                .hasSize(1);
        Api.as(c.token())
                .queryParam("externalRef", "PO-RACE")
                .get("/v1/orders")
                .then()
                .body("items.size()", equalTo(1));
        Api.as(c.token()).get("/v1/inventory/" + sku).then().body("reserved", equalTo(3));
    }

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    @jakarta.inject.Inject
    orders.internal.domain.IdempotencyJanitor janitor;

    @Test
    void anExpiredKeyIsForgottenAndMayBeUsedAgain() throws Exception {
        TestClient c = Api.newClient("Idem Expiry", "orders:read", "orders:write");
        String sku = Catalog.stocked("IDEX", "1.00", 10);
        String key = UUID.randomUUID().toString();
        String first = Api.as(c.token())
                .header("Idempotency-Key", key)
                .body(Orders.order(null, sku, 1))
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        try (var conn = testsupport.Db.superuser();
                var s = conn.createStatement()) {
            s.executeUpdate("UPDATE orders.idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = '"
                    + key + "'");
        }
        assertThat(janitor.purge()).isGreaterThanOrEqualTo(1);
        String second = Api.as(c.token())
                .header("Idempotency-Key", key)
                .body(Orders.order(null, sku, 2))
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertThat(second).isNotEqualTo(first);
    }
}
