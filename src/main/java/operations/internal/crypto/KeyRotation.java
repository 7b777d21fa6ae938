package operations.internal.crypto;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;
import platform.crypto.EncryptedColumns;
import platform.crypto.FieldCipher;

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

    KeyRotation(FieldCipher cipher, Instance<EncryptedColumns> columns) {
        this.cipher = cipher;
        this.columns = columns;
    }

    @Scheduled(
            identity = "key-rotation",
            every = "300s",
            delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void rotateInBackground() {
        try {
            int moved = reencryptAll();
            if (moved > 0) {
                LOG.infof("Re-encrypted %d stored values under the active key", moved);
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "re-encryption failed; retrying later");
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
