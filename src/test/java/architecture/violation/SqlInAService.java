package architecture.violation;

import java.util.List;
import platform.db.Jdbc;

/** A deliberate rule breaker: a service that runs SQL itself instead of asking a repository. */
public class SqlInAService {

    private final Jdbc jdbc;

    SqlInAService(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public List<String> names() {
        return jdbc.list("SELECT name FROM tenancy.clients", rs -> rs.getString(1));
    }
}
