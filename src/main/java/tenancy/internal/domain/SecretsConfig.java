package tenancy.internal.domain;

import io.smallrye.config.ConfigMapping;

/** The server-side pepper of client-secret hashes. */
@ConfigMapping(prefix = "quartermaster.secrets")
public interface SecretsConfig {

    /** Base64 of at least 32 random bytes; the HMAC-SHA-256 key of client-secret hashes. */
    String pepper();
}
