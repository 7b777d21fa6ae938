package platform.crypto;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import platform.db.DatabaseBootstrap;

/**
 * Key rotation without downtime: after {@code quartermaster.crypto.active-key} names a new key (the old
 * one still listed under {@code keys}), every instance keeps reading old values, and this job moves them
 * to the new key in small transactions (rows locked with SKIP LOCKED, so instances share the work).
 * Once it reports nothing left, the old key can be removed from the configuration.
 */
@ApplicationScoped
public class KeyRotation {

    private static final Logger LOG = Logger.getLogger(KeyRotation.class);
    private static final int BATCH = 200;

    private final FieldCipher cipher;
    private final Instance<EncryptedColumns> columns;
    private ScheduledExecutorService scheduler;

    KeyRotation(FieldCipher cipher, Instance<EncryptedColumns> columns) {
        this.cipher = cipher;
        this.columns = columns;
    }

    void start(@Observes @Priority(DatabaseBootstrap.PRIORITY + 100) StartupEvent event) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "key-rotation");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        int moved = reencryptAll();
                        if (moved > 0) {
                            LOG.infof("Re-encrypted %d stored values under the active key", moved);
                        }
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "re-encryption failed; retrying later");
                    }
                },
                30,
                300,
                TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** Re-encrypts every value not under the active key; returns how many were moved. */
    public int reencryptAll() {
        int total = 0;
        for (EncryptedColumns owner : columns) {
            int moved;
            do {
                moved = QuarkusTransaction.requiringNew().call(() -> owner.reencrypt(cipher, BATCH));
                total += moved;
            } while (moved >= BATCH);
        }
        return total;
    }
}
