package platform.crypto;

import platform.error.DomainException;
import platform.error.ErrorCode;

/**
 * A stored value that the configured keys cannot decrypt: a configuration fault (a key changed under its
 * id) or a tampered value. The caller gets 503 {@code unavailable}, since nothing it can change helps;
 * the log names the key id for the operator.
 */
public class UndecryptableValue extends DomainException {

    private final String keyId;

    UndecryptableValue(String keyId) {
        super(
                ErrorCode.UNAVAILABLE,
                "A stored value cannot be decrypted with the server's keys; the operator has been alerted");
        this.keyId = keyId;
    }

    /** The key id the value names, or {@code "?"} when it names none that is configured. */
    public String keyId() {
        return keyId;
    }
}
