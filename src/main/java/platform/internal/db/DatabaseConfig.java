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
}
