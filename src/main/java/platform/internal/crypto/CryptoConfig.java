package platform.internal.crypto;

import io.smallrye.config.ConfigMapping;
import java.util.Map;
import java.util.Optional;

/** Keys for field encryption at rest. */
@ConfigMapping(prefix = "quartermaster.crypto")
public interface CryptoConfig {

    /**
     * Id of the key that encrypts new values; it must be one of {@link #keys()}. Required: optional here
     * only so that its absence is refused with one line of our own ({@code FieldCipher}).
     */
    Optional<String> activeKey();

    /** Every key that may still decrypt stored values, by id: base64 of 32 random bytes (AES-256). */
    Map<String, String> keys();
}
