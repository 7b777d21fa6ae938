package platform.internal.db;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the application prepares its database at start-up. */
@ConfigMapping(prefix = "quartermaster.database")
public interface DatabaseConfig {

    /** Create the configured PostgreSQL database when it does not exist yet (needs CREATEDB rights). */
    @WithDefault("true")
    boolean createIfMissing();

    /** Apply the Flyway migrations of every module at start-up. */
    @WithDefault("true")
    boolean migrateAtStart();

    /**
     * After migrating, give the application's login role (quarkus.datasource.username) the configured
     * quarkus.datasource.password, as a SCRAM hash, through the owner's connection: the role the migrations
     * create then needs no manual step. Only when a password is set and the two users differ.
     */
    @WithDefault("true")
    boolean setApplicationPassword();
}
