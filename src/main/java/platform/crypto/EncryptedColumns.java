package platform.crypto;

/**
 * Implemented by each module for the encrypted columns it owns, so that values written under an older
 * key can be re-encrypted under the active one without the kernel touching the module's tables.
 */
public interface EncryptedColumns {

    /** Re-encrypts up to {@code limit} values not under the active key; returns how many. */
    int reencrypt(FieldCipher cipher, int limit);
}
