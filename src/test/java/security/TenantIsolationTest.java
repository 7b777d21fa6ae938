package security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import orders.internal.domain.TenantScopeRepository;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Catalog;
import testsupport.Orders;

/**
 * Row-level security as the second wall: the application's own connections, with a query that
 * "forgot" its client filter, still see only the tenant named for the transaction, and nothing at all
 * when none is named.
 */
@QuarkusTest
class TenantIsolationTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TenantScopeRepository scope;

    @Test
    void aQueryWithoutItsClientFilterStillSeesOnlyTheScopedTenant() {
        var a = Api.newClient("Isolated A", "orders:write");
        var b = Api.newClient("Isolated B", "orders:write");
        String sku = Catalog.stocked("ISO", "1.00", 10);
        Api.as(a.token())
                .body(Orders.order(null, sku, 1))
                .post("/v1/orders")
                .then()
                .statusCode(201);
        Api.as(b.token())
                .body(Orders.order(null, sku, 1))
                .post("/v1/orders")
                .then()
                .statusCode(201);

        String forgotten = "SELECT count(*), count(DISTINCT client_id), min(client_id::text) FROM orders.orders";
        long[] none = QuarkusTransaction.requiringNew().call(() -> count(forgotten));
        assertThat(none[0]).as("no tenant named: nothing visible").isZero();

        long[] onlyA = QuarkusTransaction.requiringNew().call(() -> {
            scope.tenant(a.id());
            return count(forgotten);
        });
        assertThat(onlyA[1]).isEqualTo(1);
        assertThat(onlyA[0]).isGreaterThanOrEqualTo(1);
        long lines = QuarkusTransaction.requiringNew().call(() -> {
            scope.tenant(a.id());
            return count("SELECT count(*) FILTER (WHERE client_id <> '" + a.id() + "'), 0, '' FROM orders.order_lines")[
                    0];
        });
        assertThat(lines).isZero();

        long[] everyone = QuarkusTransaction.requiringNew().call(() -> {
            scope.all();
            return count(forgotten);
        });
        assertThat(everyone[1]).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aTenantCannotWriteRowsOfAnother() {
        var a = Api.newClient("Writer A", "orders:write");
        UUID other = UUID.randomUUID();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
                    scope.tenant(a.id());
                    execute("INSERT INTO orders.client_exposure (client_id, exposure) VALUES ('" + other + "', 0)");
                }))
                .hasStackTraceContaining("row-level security");
    }

    @Test
    void theApplicationRoleIsNoSuperuserAndCannotBypassTheRules() {
        long[] role = QuarkusTransaction.requiringNew()
                .call(() -> count(
                        "SELECT (current_user = 'quartermaster_app')::int, (rolsuper OR rolbypassrls)::int, '' FROM pg_roles "
                                + "WHERE rolname = current_user"));
        assertThat(role[0]).isEqualTo(1);
        assertThat(role[1]).isZero();
    }

    private long[] count(String sql) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
