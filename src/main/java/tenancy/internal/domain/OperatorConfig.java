package tenancy.internal.domain;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The operator credential created at first start (QUARTERMASTER_OPERATOR_CLIENT_ID / _SECRET). */
@ConfigMapping(prefix = "quartermaster.operator")
public interface OperatorConfig {

    /** The operator's OAuth client id. */
    String clientId();

    /** The operator's secret, chosen by a person; only its Argon2id hash is stored. */
    Optional<String> clientSecret();
}
