package tenancy.internal.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * How tokens of an external identity provider (any issuer other than ours) name their caller: the client
 * they act for, or the explicit marker of an operator. A token with neither is refused.
 */
@ConfigMapping(prefix = "quartermaster.identity.external")
public interface ExternalIdentityConfig {

    /** The claim holding the Quartermaster client id (a UUID) the token acts for; dotted for nested claims. */
    @WithDefault("tenant")
    String tenantClaim();

    /**
     * The claim that marks an operator (dotted for nested claims, e.g. {@code realm_access.roles}); unset, no
     * external token is ever an operator.
     */
    Optional<String> operatorClaim();

    /** The value of the operator claim that marks an operator: the claim equals it, or is an array holding it. */
    @WithDefault("true")
    String operatorValue();
}
