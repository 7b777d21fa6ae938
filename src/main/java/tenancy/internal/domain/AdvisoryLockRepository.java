package tenancy.internal.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import platform.db.Jdbc;

/** Named PostgreSQL advisory locks: one holder at a time across every instance, until its transaction ends. */
@ApplicationScoped
public class AdvisoryLockRepository {

    private final Jdbc jdbc;

    AdvisoryLockRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Waits for the lock named {@code name}; it is released when the current transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockForTransaction(String name) {
        jdbc.execute("SELECT pg_advisory_xact_lock(hashtext(?))", name);
    }
}
