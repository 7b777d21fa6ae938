package tenancy.internal.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import platform.config.ConfigurationRefused;

/**
 * Generates client secrets (256 random bits) and stores only their keyed hash: HMAC-SHA-256 under a
 * server-side pepper. A slow KDF adds nothing for secrets of that entropy and would make the token
 * endpoint a CPU sink; without the pepper a stolen table is useless.
 */
@ApplicationScoped
public class SecretHasher {

    private static final String PREFIX = "qms_";

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec pepper;

    SecretHasher(SecretsConfig config) {
        String pepper = config.pepper()
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> new ConfigurationRefused(
                        "quartermaster.secrets.pepper",
                        "is not set (QUARTERMASTER_SECRETS_PEPPER); it is required: base64 of at least 32 random"
                                + " bytes, the key of the client-secret hashes (openssl rand -base64 32)"));
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(pepper.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationRefused(
                    "quartermaster.secrets.pepper", "is not base64; make one with: openssl rand -base64 32");
        }
        if (raw.length < 32) {
            throw new ConfigurationRefused(
                    "quartermaster.secrets.pepper",
                    "must hold at least 32 bytes (base64), not " + raw.length
                            + "; make one with: openssl rand -base64 32");
        }
        this.pepper = new SecretKeySpec(raw, "HmacSHA256");
    }

    public String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public byte[] hash(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pepper);
            return mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
