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
import org.jboss.logging.Logger;
import platform.config.ConfigurationRefused;
import platform.internal.crypto.CryptoConfig;

/**
 * Encrypts single field values at rest with AES-256-GCM. The stored form {@code v1.<keyId>.<base64>}
 * names its key, so that keys can rotate: new values use the active key, old ones still decrypt. The
 * {@code context} (table, column, row id) is bound as associated data, so a value copied to another row
 * or column no longer decrypts.
 */
@ApplicationScoped
public class FieldCipher {

    private static final Logger LOG = Logger.getLogger(FieldCipher.class);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, SecretKey> keys = new HashMap<>();
    private final String activeKey;

    FieldCipher(CryptoConfig config) {
        config.keys().forEach((id, base64) -> {
            String setting = "quartermaster.crypto.keys." + id;
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(base64.trim());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationRefused(setting, "is not base64; make one with: openssl rand -base64 32");
            }
            if (raw.length != 32) {
                throw new ConfigurationRefused(
                        setting,
                        "must be 32 bytes (base64), not " + raw.length + "; make one with: openssl rand -base64 32");
            }
            if (id.contains(".")) {
                throw new ConfigurationRefused(setting, "has a dot in its key id, which stored values cannot name");
            }
            keys.put(id, new SecretKeySpec(raw, "AES"));
        });
        String active = config.activeKey()
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> new ConfigurationRefused(
                        "quartermaster.crypto.active-key",
                        "is not set (QUARTERMASTER_CRYPTO_ACTIVE_KEY); it is required: the id of the key that"
                                + " encrypts new values, with the key in quartermaster.crypto.keys.<id>"));
        if (!keys.containsKey(active)) {
            throw new ConfigurationRefused(
                    "quartermaster.crypto.active-key",
                    "names no configured key: set quartermaster.crypto.keys." + active
                            + " (base64 of 32 random bytes: openssl rand -base64 32)");
        }
        this.activeKey = active;
    }

    public String encrypt(String plaintext, String context) {
        return encrypt(activeKey, plaintext, context);
    }

    /** Encrypts under the named key rather than the active one: for the start-up check value of each key. */
    public String encrypt(String keyId, String plaintext, String context) {
        if (plaintext == null) {
            return null;
        }
        if (!keys.containsKey(keyId)) {
            throw new IllegalArgumentException("no key " + keyId);
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(keyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv)
                    .put(sealed)
                    .array();
            return "v1." + keyId + "." + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("field encryption failed", e);
        }
    }

    /**
     * The plaintext of a stored value. A value the configured keys cannot decrypt (its key id unknown, or
     * other bytes under that id, or a changed value) is an {@link UndecryptableValue}: 503 to the caller.
     */
    public String decrypt(String stored, String context) {
        if (stored == null) {
            return null;
        }
        String[] parts = stored.split("\\.", 3);
        if (parts.length != 3 || !"v1".equals(parts[0]) || !keys.containsKey(parts[1])) {
            String keyId = parts.length == 3 ? parts[1] : "?";
            LOG.errorf(
                    "A stored value names key id '%s', which is not configured (quartermaster.crypto.keys.%s)",
                    keyId, keyId);
            throw new UndecryptableValue(keyId);
        }
        try {
            return open(parts, context);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            LOG.errorf(
                    "A stored value under key id '%s' fails authentication (context %s): quartermaster.crypto.keys.%s"
                            + " is not the key it was written with, or the value was changed",
                    parts[1], context, parts[1]);
            throw new UndecryptableValue(parts[1]);
        }
    }

    /** Whether {@code stored} decrypts to {@code expected} with the configured keys; logs nothing. */
    public boolean decryptsTo(String stored, String context, String expected) {
        String[] parts = stored.split("\\.", 3);
        if (parts.length != 3 || !"v1".equals(parts[0]) || !keys.containsKey(parts[1])) {
            return false;
        }
        try {
            return expected.equals(open(parts, context));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Decrypts and authenticates {@code v1.<keyId>.<base64>}, split in its three parts. */
    private String open(String[] parts, String context) throws GeneralSecurityException {
        byte[] in = Base64.getDecoder().decode(parts[2]);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, keys.get(parts[1]), new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
    }

    /** The ids of every configured key. */
    public java.util.Set<String> keyIds() {
        return java.util.Set.copyOf(keys.keySet());
    }

    /** The prefix of values written under the active key, for finding the others in SQL. */
    public String activePrefix() {
        return "v1." + activeKey + ".";
    }

    /** Whether a stored value was written with a key other than the active one (a candidate for re-encryption). */
    public boolean needsRotation(String stored) {
        return stored != null && !stored.startsWith("v1." + activeKey + ".");
    }

    /** The id of the key that encrypts (and, derived, signs) new values. */
    public String activeKeyId() {
        return activeKey;
    }

    /**
     * A MAC over {@code content} with a key derived from key {@code keyId} for one {@code purpose}
     * (HMAC-SHA256 keyed with HMAC-SHA256(key, "quartermaster:" + purpose)), so the encryption key itself
     * never signs and each purpose has its own key; empty when {@code keyId} is not configured.
     */
    public java.util.Optional<byte[]> mac(String keyId, String purpose, byte[] content) {
        SecretKey key = keys.get(keyId);
        if (key == null) {
            return java.util.Optional.empty();
        }
        try {
            javax.crypto.Mac derive = javax.crypto.Mac.getInstance("HmacSHA256");
            derive.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            byte[] derived = derive.doFinal(("quartermaster:" + purpose).getBytes(StandardCharsets.UTF_8));
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(derived, "HmacSHA256"));
            return java.util.Optional.of(mac.doFinal(content));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
