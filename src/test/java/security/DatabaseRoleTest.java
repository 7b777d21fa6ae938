package security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Catalog;
import testsupport.Db;
import testsupport.Orders;

/**
 * What an SQL injection could do with the application's own database login (issue #10 item 11): it is
 * no superuser, and {@code RESET ROLE} does not make it one, so row-level security and the audit log's
 * protections still hold on a connection that has thrown off {@code SET ROLE quartermaster_app}.
 */
@QuarkusTest
class DatabaseRoleTest {

    /** A connection with the application's own credentials, after an attacker's RESET ROLE. */
    private static Connection applicationLoginReset() throws SQLException {
        Config config = ConfigProvider.getConfig();
        Connection c = DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class)
                        .orElse(null));
        try (Statement s = c.createStatement()) {
            s.execute("RESET ROLE");
        }
        return c;
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void theApplicationLoginIsNoSuperuserEvenAfterResetRole() throws SQLException {
        try (Connection c = applicationLoginReset()) {
            assertThat(one(c, "SELECT current_setting('is_superuser')")).isEqualTo("off");
            assertThat(one(
                            c,
                            "SELECT rolsuper::text || ',' || rolbypassrls::text || ',' || rolcreaterole::text"
                                    + " FROM pg_roles WHERE rolname = session_user"))
                    .isEqualTo("false,false,false");
            assertThatThrownBy(() -> c.createStatement().execute("SET ROLE postgres"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> c.createStatement().execute("SET session_replication_role = replica"))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void rowLevelSecurityHoldsAfterResetRole() throws SQLException {
        var buyer = Api.newClient("Least Privilege Buyer", "orders:write");
        String sku = Catalog.stocked("LEASTPRIV", "1.00", 5);
        Api.as(buyer.token())
                .body(Orders.order(null, sku, 1))
                .post("/v1/orders")
                .then()
                .statusCode(201);
        try (Connection owner = Db.superuser()) {
            assertThat(Long.parseLong(one(owner, "SELECT count(*) FROM orders.orders")))
                    .isPositive();
        }
        try (Connection c = applicationLoginReset()) {
            assertThat(one(c, "SELECT count(*) FROM orders.orders")).isEqualTo("0");
            assertThatThrownBy(
                            () -> c.createStatement().execute("ALTER TABLE orders.orders DISABLE ROW LEVEL SECURITY"))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void theAuditLogCannotBeRewrittenAfterResetRole() throws SQLException {
        Api.asOperator().get("/v1/clients").then().statusCode(200);
        try (Connection c = applicationLoginReset()) {
            for (String attack : new String[] {
                "UPDATE platform.audit_log SET action = 'forged'",
                "DELETE FROM platform.audit_log",
                "TRUNCATE platform.audit_log",
                "ALTER TABLE platform.audit_log DISABLE TRIGGER ALL",
                "DROP TABLE platform.audit_log"
            }) {
                assertThatThrownBy(() -> c.createStatement().execute(attack))
                        .as(attack)
                        .isInstanceOf(SQLException.class);
            }
        }
    }
}
