package tenancy.internal.domain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How access tokens are issued. */
@ConfigMapping(prefix = "quartermaster.tokens")
public interface TokenConfig {

    /** The {@code iss} of issued tokens; also what quarkus-oidc expects (quarkus.oidc.token.issuer). */
    String issuer();

    /** Lifetime of an access token; at most 15 minutes. */
    @WithDefault("10M")
    Duration lifetime();

    /**
     * How long an instance may trust its last look at a credential's state (revoked, client suspended).
     * A change made through this instance applies at once; through another, within this time.
     */
    @WithDefault("PT5S")
    Duration credentialStatusCacheTtl();

    /** A signing key older than this is replaced by a new one at the next start of any instance. */
    @WithDefault("P90D")
    Duration keyRotationPeriod();
}
