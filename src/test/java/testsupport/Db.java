package testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Direct connections to the test database as the database superuser, for tests that inspect or tamper
 * with rows behind the application's back (the application's own pool works as quartermaster_app,
 * under row-level security).
 */
public final class Db {

    private Db() {}

    public static Connection superuser() throws SQLException {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        return DriverManager.getConnection(url, FreshDatabase.USER, null);
    }
}
