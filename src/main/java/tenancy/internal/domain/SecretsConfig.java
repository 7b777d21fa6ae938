package tenancy.internal.domain;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The server-side pepper of client-secret hashes. */
@ConfigMapping(prefix = "quartermaster.secrets")
public interface SecretsConfig {

    /**
     * Base64 of at least 32 random bytes; the HMAC-SHA-256 key of client-secret hashes. Required: optional
     * here only so that its absence is refused with one line of our own ({@link SecretHasher}).
     */
    Optional<String> pepper();
}
