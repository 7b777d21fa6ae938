package operations.internal.crypto;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import platform.config.ConfigurationRefused;
import platform.crypto.FieldCipher;
import platform.db.DatabaseBootstrap;
import platform.db.StartupChecks;

/**
 * Refuses to start with a field-encryption key that cannot decrypt what was stored under its id: each key
 * id has a check value in the database (a known text encrypted with it, recorded by the first instance
 * that had the key), which the configured bytes must decrypt. Without it, a changed key under the same id
 * would only show as failures at run time (ADR 0029).
 */
@ApplicationScoped
class KeyCheck {

    static final String TEXT = "quartermaster field-encryption key check";

    private final FieldCipher cipher;
    private final StartupChecks checks;

    KeyCheck(FieldCipher cipher, StartupChecks checks) {
        this.cipher = cipher;
        this.checks = checks;
    }

    void verify(@Observes @Priority(DatabaseBootstrap.PRIORITY + 1) StartupEvent event) {
        for (String id : cipher.keyIds()) {
            String context = "platform.startup_checks:crypto.key." + id;
            String stored = checks.recordOrGet("crypto.key." + id, cipher.encrypt(id, TEXT, context));
            if (!cipher.decryptsTo(stored, context, TEXT)) {
                throw new ConfigurationRefused(
                        "quartermaster.crypto.keys." + id,
                        "cannot decrypt the values stored under key id '" + id + "' (its check value in the database"
                                + " fails): these are other bytes than the key they were written with. Configure that"
                                + " key again; to change keys, add the new one under a new id (docs/operations.md)");
            }
        }
    }
}
