package testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives every test run its own PostgreSQL database, so runs never see each other's data. The
 * application creates and migrates it at start-up; it is dropped when the run ends.
 */
public class FreshDatabase implements QuarkusTestResourceLifecycleManager {

    static final String HOST = System.getProperty("qm.test.db.host", "127.0.0.1:5432");
    static final String USER = System.getProperty("qm.test.db.user", "postgres");

    private String name;

    @Override
    public Map<String, String> start() {
        name = "qm_test_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")) + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
        // Redis is shared by every run on the machine: each application start gets rate-limit buckets of its own
        return Map.of(
                "quarkus.datasource.jdbc.url",
                url(name),
                "quarkus.datasource.migrations.username",
                USER,
                "quartermaster.rate-limit.key-prefix",
                "qm:" + name + ":rl:");
    }

    @Override
    public void stop() {
        if (name == null || Boolean.getBoolean("qm.test.keep-db")) {
            return;
        }
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, null);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop test database " + name + ": " + e.getMessage());
        }
    }

    public static String url(String database) {
        return "jdbc:postgresql://" + HOST + "/" + database;
    }
}
