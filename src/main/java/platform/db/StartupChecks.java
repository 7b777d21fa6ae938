package platform.db;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Check values kept in the database ({@code platform.startup_checks}) that let an instance prove at
 * start-up that its configuration can read what earlier instances stored: a known text encrypted under
 * each key id, the keyed hash of a known text under the pepper. The first instance records them; every
 * later one compares (ADR 0029).
 */
@ApplicationScoped
public class StartupChecks {

    private final Jdbc jdbc;

    StartupChecks(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The value recorded under {@code name}: the one given here when none was recorded yet. */
    public String recordOrGet(String name, String value) {
        jdbc.update(
                "INSERT INTO platform.startup_checks (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                name,
                value);
        return jdbc.one("SELECT value FROM platform.startup_checks WHERE name = ?", rs -> rs.getString(1), name)
                .orElseThrow(() -> new IllegalStateException("startup check " + name + " vanished"));
    }
}
