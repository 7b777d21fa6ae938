package orders.internal.domain;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import platform.db.DatabaseBootstrap;

/** Deletes idempotency keys past their 24 hours, a few thousand at a time, every few minutes. */
@ApplicationScoped
public class IdempotencyJanitor {

    private static final Logger LOG = Logger.getLogger(IdempotencyJanitor.class);

    private final AgroalDataSource dataSource;
    private final platform.db.TenantScope scope;
    private ScheduledExecutorService scheduler;

    IdempotencyJanitor(AgroalDataSource dataSource, platform.db.TenantScope scope) {
        this.scope = scope;
        this.dataSource = dataSource;
    }

    void start(@Observes @Priority(DatabaseBootstrap.PRIORITY + 100) StartupEvent event) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "idempotency-janitor");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::purge, 1, 5, TimeUnit.MINUTES);
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** Removes expired keys; returns how many. */
    public int purge() {
        try {
            return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
                scope.all();
                try (Connection c = dataSource.getConnection();
                        PreparedStatement ps = c.prepareStatement("""
                                DELETE FROM orders.idempotency_keys WHERE ctid IN (
                                    SELECT ctid FROM orders.idempotency_keys WHERE expires_at < now() LIMIT 5000)""")) {
                    return ps.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf(e, "cannot purge expired idempotency keys");
            return 0;
        }
    }
}
