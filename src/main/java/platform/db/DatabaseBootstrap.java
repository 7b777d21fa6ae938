package platform.db;

import io.quarkus.flyway.FlywayDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;
import platform.internal.db.DatabaseConfig;

/**
 * Brings the database up to date before anything else starts: creates the configured database when it
 * is missing (so a fresh machine needs no manual {@code createdb}) and applies every module's migrations,
 * both as the owner (the migrations datasource); the application itself logs in as the role they create.
 */
@ApplicationScoped
public class DatabaseBootstrap {

    /** Observers that need the schema run after this priority. */
    public static final int PRIORITY = 10;

    private static final Logger LOG = Logger.getLogger(DatabaseBootstrap.class);
    private static final Pattern URL = Pattern.compile("^jdbc:postgresql://([^/]+)/([^?]+)(\\?.*)?$");

    private final DatabaseConfig config;
    private final Flyway flyway;
    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;
    private final String appUser;
    private final Optional<String> appPassword;

    DatabaseBootstrap(
            DatabaseConfig config,
            @FlywayDataSource("migrations") Flyway flyway,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.migrations.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.migrations.password") Optional<String> password,
            @ConfigProperty(name = "quarkus.datasource.username") String appUser,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> appPassword) {
        this.config = config;
        this.appUser = appUser;
        this.appPassword = appPassword;
        this.flyway = flyway;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void onStart(@Observes @Priority(PRIORITY) StartupEvent event) throws SQLException {
        if (config.createIfMissing()) {
            createDatabaseIfMissing();
        }
        if (config.migrateAtStart()) {
            var result = flyway.migrate();
            if (result.migrationsExecuted > 0) {
                LOG.infof(
                        "Database schema at version %s (%d migrations applied now)",
                        result.targetSchemaVersion, result.migrationsExecuted);
            } else {
                // nothing applied (every dev reload): Flyway reports no target version, so name the current one
                var current = flyway.info().current();
                LOG.infof(
                        "Database schema up to date at version %s", current == null ? "(empty)" : current.getVersion());
            }
        }
        if (config.setApplicationPassword()
                && appPassword.filter(p -> !p.isEmpty()).isPresent()
                && !appUser.equals(user.orElse(null))) {
            setApplicationPassword();
        }
    }

    /** Sends the password as a SCRAM hash computed here, so the clear text reaches no server log. */
    private void setApplicationPassword() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user.orElse(null), password.orElse(null))) {
            c.unwrap(org.postgresql.PGConnection.class)
                    .alterUserPassword(appUser, appPassword.get().toCharArray(), "scram-sha-256");
        }
    }

    private void createDatabaseIfMissing() throws SQLException {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            return;
        }
        String database = m.group(2);
        String maintenanceUrl =
                "jdbc:postgresql://" + m.group(1) + "/postgres" + (m.group(3) == null ? "" : m.group(3));
        try (Connection c = DriverManager.getConnection(maintenanceUrl, user.orElse(null), password.orElse(null));
                PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            if (exists.executeQuery().next()) {
                return;
            }
            try (var create = c.createStatement()) {
                create.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
                LOG.infof("Created database %s", database);
            } catch (SQLException e) {
                if (!"42P04".equals(e.getSQLState())) { // another instance created it first
                    throw e;
                }
            }
        }
    }
}
