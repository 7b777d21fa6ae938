package platform.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import platform.internal.crypto.CryptoConfig;

/**
 * Encrypts single field values at rest with AES-256-GCM. The stored form {@code v1.<keyId>.<base64>}
 * names its key, so that keys can rotate: new values use the active key, old ones still decrypt. The
 * {@code context} (table, column, row id) is bound as associated data, so a value copied to another row
 * or column no longer decrypts.
 */
@ApplicationScoped
public class FieldCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, SecretKey> keys = new HashMap<>();
    private final String activeKey;

    FieldCipher(CryptoConfig config) {
        config.keys().forEach((id, base64) -> {
            byte[] raw = Base64.getDecoder().decode(base64.trim());
            if (raw.length != 32) {
                throw new IllegalStateException("quartermaster.crypto.keys." + id + " must be 32 bytes (base64)");
            }
            if (id.contains(".")) {
                throw new IllegalStateException("key id " + id + " must not contain a dot");
            }
            keys.put(id, new SecretKeySpec(raw, "AES"));
        });
        if (!keys.containsKey(config.activeKey())) {
            throw new IllegalStateException("quartermaster.crypto.active-key names no configured key");
        }
        this.activeKey = config.activeKey();
    }

    public String encrypt(String plaintext, String context) {
        if (plaintext == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKey), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv)
                    .put(sealed)
                    .array();
            return "v1." + activeKey + "." + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("field encryption failed", e);
        }
    }

    public String decrypt(String stored, String context) {
        if (stored == null) {
            return null;
        }
        String[] parts = stored.split("\\.", 3);
        if (parts.length != 3 || !"v1".equals(parts[0]) || !keys.containsKey(parts[1])) {
            throw new IllegalStateException("stored value is not decryptable with the configured keys");
        }
        try {
            byte[] in = Base64.getDecoder().decode(parts[2]);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, keys.get(parts[1]), new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored value failed authentication", e);
        }
    }

    /** The prefix of values written under the active key, for finding the others in SQL. */
    public String activePrefix() {
        return "v1." + activeKey + ".";
    }

    /** Whether a stored value was written with a key other than the active one (a candidate for re-encryption). */
    public boolean needsRotation(String stored) {
        return stored != null && !stored.startsWith("v1." + activeKey + ".");
    }
}
