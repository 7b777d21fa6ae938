package tenancy.internal.domain;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HexFormat;
import platform.config.ConfigurationRefused;
import platform.db.DatabaseBootstrap;
import platform.db.StartupChecks;

/**
 * Refuses to start with a pepper other than the one the stored client secrets were hashed with: no client
 * could authenticate. The database keeps the pepper's hash of a known text, recorded by the first
 * instance, which the configured pepper must reproduce (ADR 0029).
 */
@ApplicationScoped
class PepperCheck {

    static final String TEXT = "quartermaster pepper check";

    private final SecretHasher hasher;
    private final StartupChecks checks;

    PepperCheck(SecretHasher hasher, StartupChecks checks) {
        this.hasher = hasher;
        this.checks = checks;
    }

    void verify(@Observes @Priority(DatabaseBootstrap.PRIORITY + 1) StartupEvent event) {
        String mine = HexFormat.of().formatHex(hasher.hash(TEXT));
        if (!checks.recordOrGet("secrets.pepper", mine).equals(mine)) {
            throw new ConfigurationRefused(
                    "quartermaster.secrets.pepper",
                    "is not the pepper the stored client secrets were hashed with (its check value in the database"
                            + " differs), so no client could authenticate. Configure that pepper again");
        }
    }
}
