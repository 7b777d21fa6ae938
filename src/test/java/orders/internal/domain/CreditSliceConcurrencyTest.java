package orders.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import testsupport.Catalog;
import testsupport.Orders;

/**
 * One client's orders racing on its credit slices (ADR 0053): orders on slices with room take credit
 * there, short slices fall back to the locked re-split, and however they interleave the client takes
 * exactly what its limit holds, never more; cancelling gives credit back across slices.
 */
@QuarkusTest
class CreditSliceConcurrencyTest {

    @Test
    void sixtyConcurrentOrdersOfOneClientTakeExactlyWhatTheLimitHoldsAcrossSlices() throws Exception {
        UUID client = Api.createClient(Map.of("name", "Slice Racer", "currency", "EUR", "creditLimit", "1000.00"));
        var credential = Api.createCredential(client, List.of("orders:write", "orders:read"));
        String token = Api.token(credential.path("clientId"), credential.path("clientSecret"));
        String sku = Catalog.stocked("SLICE", "25.00", 1000);

        List<Integer> statuses = race(token, sku, 60);

        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(40); // 40 x 25.00 = the limit
        assertThat(statuses.stream().filter(s -> s == 422).count()).isEqualTo(20);
        assertSlicesHold(client, "1000.00", "1000.00");
        assertThat(sql("SELECT count(*) FROM orders.client_exposure WHERE client_id = '" + client + "'"))
                .as("the limit is split over the configured slices")
                .isEqualTo("16");
    }

    @Test
    void cancelledOrdersGiveTheirCreditBackAndExactlyThatMuchIsTakenAgain() throws Exception {
        UUID client = Api.createClient(Map.of("name", "Slice Canceller", "currency", "EUR", "creditLimit", "500.00"));
        var credential = Api.createCredential(client, List.of("orders:write", "orders:read"));
        String token = Api.token(credential.path("clientId"), credential.path("clientSecret"));
        String sku = Catalog.stocked("SLICEC", "50.00", 1000);
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 10; i++) { // 10 x 50.00: the limit, on whichever slices they land
            placed.add(Api.as(token)
                    .body(Orders.order(null, sku, 1))
                    .post("/v1/orders")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id"));
        }
        for (String id : placed.subList(0, 3)) {
            Api.as(token).post("/v1/orders/" + id + "/cancel").then().statusCode(200);
        }
        assertSlicesHold(client, "350.00", "500.00");

        List<Integer> statuses = race(token, sku, 12);

        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(3);
        assertThat(statuses.stream().filter(s -> s == 422).count()).isEqualTo(9);
        assertSlicesHold(client, "500.00", "500.00");
    }

    /** The sum is the exposure, no slice passes its allowance, and the allowances add up to the limit. */
    private static void assertSlicesHold(UUID client, String exposure, String limit) {
        String of = " FROM orders.client_exposure WHERE client_id = '" + client + "'";
        assertThat(sql("SELECT sum(exposure)" + of)).isEqualTo(exposure);
        assertThat(sql("SELECT count(*)" + of + " AND exposure > allowance")).isEqualTo("0");
        assertThat(sql("SELECT sum(allowance)" + of)).isEqualTo(limit);
        assertThat(sql("SELECT count(*)" + of + " AND split_of IS DISTINCT FROM " + limit))
                .isEqualTo("0");
    }

    private static List<Integer> race(String token, String sku, int orders) throws Exception {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            calls.add(() -> RestAssured.given()
                    .auth()
                    .oauth2(token)
                    .contentType("application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(Orders.order(null, sku, 1))
                    .post("/v1/orders")
                    .statusCode());
        }
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
