package orders.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/** Orders racing for scarce stock or scarce credit: never oversold, never over the limit. */
@QuarkusTest
class OrderConcurrencyTest {

    @Test
    void fortyConcurrentOrdersForThreeUnitsAgainstFiftyAcceptExactlySixteen() throws Exception {
        String sku = Catalog.stocked("RACE", "1.00", 50);
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clients.add(Api.newClient("Racer " + i, "orders:write", "orders:read"));
        }
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String token = clients.get(i % 4).token();
            calls.add(() -> RestAssured.given()
                    .auth()
                    .oauth2(token)
                    .contentType("application/json")
                    .body(Orders.order(null, sku, 3))
                    .post("/v1/orders")
                    .statusCode());
        }
        List<Integer> statuses = run(calls);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(16);
        assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(24);
        Api.asOperator()
                .get("/v1/inventory/" + sku)
                .then()
                .body("reserved", org.hamcrest.Matchers.equalTo(48))
                .body("onHand", org.hamcrest.Matchers.equalTo(50));
    }

    @Test
    void twentyConcurrentTenEuroOrdersAgainstAHundredEuroLimitAcceptExactlyTen() throws Exception {
        UUID client = Api.createClient(Map.of("name", "Credit Racer", "currency", "EUR", "creditLimit", "100.00"));
        var credential = Api.createCredential(client, List.of("orders:write"));
        String token = Api.token(credential.path("clientId"), credential.path("clientSecret"));
        String sku = Catalog.stocked("CRACE", "10.00", 1000);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(() -> RestAssured.given()
                    .auth()
                    .oauth2(token)
                    .contentType("application/json")
                    .body(Orders.order(null, sku, 1))
                    .post("/v1/orders")
                    .statusCode());
        }
        List<Integer> statuses = run(calls);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(10);
        assertThat(statuses.stream().filter(s -> s == 422).count()).isEqualTo(10);
        Api.asOperator().get("/v1/inventory/" + sku).then().body("reserved", org.hamcrest.Matchers.equalTo(10));
    }

    private static List<Integer> run(List<Callable<Integer>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }
}
