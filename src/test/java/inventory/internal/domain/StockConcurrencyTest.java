package inventory.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inventory.InventoryApi;
import inventory.Reservation;
import inventory.StockRequest;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Catalog;

/** Stock stays right under concurrency: no lost update, no oversell, and the database guards the invariant. */
@QuarkusTest
class StockConcurrencyTest {

    @Inject
    InventoryApi inventory;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void hundredConcurrentPlusOneAdjustmentsAddUpToExactlyHundred() throws Exception {
        String sku = Catalog.product("CONC", "1.00");
        String token = Api.operatorToken();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            calls.add(() -> RestAssured.given()
                    .auth()
                    .oauth2(token)
                    .contentType("application/json")
                    .body(Map.of("adjustments", List.of(Map.of("sku", sku, "delta", 1, "reason", "restock"))))
                    .post("/v1/inventory/adjustments")
                    .statusCode());
        }
        assertThat(runAll(calls, 16)).containsOnly(200);
        Api.asOperator()
                .get("/v1/inventory/" + sku)
                .then()
                .statusCode(200)
                .body("onHand", org.hamcrest.Matchers.equalTo(100))
                .body("version", org.hamcrest.Matchers.equalTo(100));
        assertThat(count("SELECT count(*) FROM platform.outbox WHERE subject = '" + sku + "'"))
                .isEqualTo(100);
    }

    @Test
    void concurrentReservationsNeverExceedOnHand() throws Exception {
        String scarce = Catalog.stocked("SCARCE", "1.00", 50);
        String plenty = Catalog.stocked("PLENTY", "1.00", 10_000);
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // alternate the order of lines: the repository locks in SKU order, so no deadlock either way
            List<StockRequest> lines = i % 2 == 0
                    ? List.of(new StockRequest(scarce, 3), new StockRequest(plenty, 1))
                    : List.of(new StockRequest(plenty, 1), new StockRequest(scarce, 3));
            calls.add(() -> QuarkusTransaction.requiringNew()
                    .call(() -> inventory.reserveAllOrNothing(lines, "test").reserved()));
        }
        List<Boolean> results = runAll(calls, 16);
        assertThat(results.stream().filter(r -> r).count()).isEqualTo(16);
        assertThat(count("SELECT reserved FROM inventory.stock_levels WHERE sku = '" + scarce + "'"))
                .isEqualTo(48);
        assertThat(count("SELECT reserved FROM inventory.stock_levels WHERE sku = '" + plenty + "'"))
                .isEqualTo(16);
        assertThat(count("SELECT count(*) FROM inventory.stock_levels WHERE reserved > on_hand OR reserved < 0"))
                .isZero();
    }

    @Test
    void aRefusedReservationReportsEveryShortageAndReservesNothing() throws Exception {
        String a = Catalog.stocked("SHORTA", "1.00", 5);
        String b = Catalog.stocked("SHORTB", "1.00", 5);
        String c = Catalog.stocked("OKC", "1.00", 5);
        Reservation result = QuarkusTransaction.requiringNew()
                .call(() -> inventory.reserveAllOrNothing(
                        List.of(
                                new StockRequest(a, 6),
                                new StockRequest(b, 9),
                                new StockRequest(c, 1),
                                new StockRequest("NO-SUCH-SKU", 1)),
                        "test"));
        assertThat(result.reserved()).isFalse();
        assertThat(result.shortages())
                .extracting("sku", "requested", "available")
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(a, 6L, 5L), org.assertj.core.groups.Tuple.tuple(b, 9L, 5L));
        assertThat(result.unknownSkus()).containsExactly("NO-SUCH-SKU");
        assertThat(count("SELECT sum(reserved) FROM inventory.stock_levels WHERE sku IN ('" + a + "','" + b + "','" + c
                        + "')"))
                .isZero();
    }

    @Test
    void releaseAndConsumeMoveReservedAndOnHand() {
        String sku = Catalog.stocked("FLOW", "1.00", 10);
        QuarkusTransaction.requiringNew()
                .run(() -> inventory.reserveAllOrNothing(List.of(new StockRequest(sku, 4)), "t"));
        QuarkusTransaction.requiringNew().run(() -> inventory.release(List.of(new StockRequest(sku, 1)), "t"));
        QuarkusTransaction.requiringNew().run(() -> inventory.consume(List.of(new StockRequest(sku, 3)), "t"));
        Api.asOperator()
                .get("/v1/inventory/" + sku)
                .then()
                .body("onHand", org.hamcrest.Matchers.equalTo(7))
                .body("reserved", org.hamcrest.Matchers.equalTo(0))
                .body("version", org.hamcrest.Matchers.equalTo(4));
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew()
                        .run(() -> inventory.release(List.of(new StockRequest(sku, 1)), "t")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not reserved");
    }

    @Test
    void settingOnHandBelowReservedIsRefused() {
        String sku = Catalog.stocked("BELOW", "1.00", 10);
        QuarkusTransaction.requiringNew()
                .run(() -> inventory.reserveAllOrNothing(List.of(new StockRequest(sku, 8)), "t"));
        Api.asOperator()
                .header("If-Match", "\"2\"")
                .body(Map.of("onHand", 7))
                .put("/v1/inventory/" + sku)
                .then()
                .statusCode(409)
                .body("code", org.hamcrest.Matchers.equalTo("stock_below_reserved"));
        Api.asOperator()
                .header("If-Match", "\"2\"")
                .body(Map.of("onHand", 8))
                .put("/v1/inventory/" + sku)
                .then()
                .statusCode(200)
                .body("available", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void theDatabaseRejectsADirectUpdateThatBreaksTheInvariant() throws Exception {
        String sku = Catalog.stocked("GUARD", "1.00", 5);
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate(
                            "UPDATE inventory.stock_levels SET reserved = on_hand + 1 WHERE sku = '" + sku + "'"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("stock_reserved_and_held_within_on_hand");
            assertThatThrownBy(() -> s.executeUpdate(
                            "UPDATE inventory.stock_levels SET on_hand = -1, reserved = 0 WHERE sku = '" + sku + "'"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.executeUpdate(
                            "UPDATE inventory.stock_levels SET reserved = -1 WHERE sku = '" + sku + "'"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("stock_reserved_not_negative");
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static <T> List<T> runAll(List<Callable<T>> calls, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = pool.invokeAll(calls, 120, TimeUnit.SECONDS);
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
