package inventory.internal.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits and re-checks of long-lived stock streams (SPEC §9: streams lose access with their token). */
@ConfigMapping(prefix = "quartermaster.stream-guard")
public interface StreamGuardConfig {

    /** How often an open stream's token is verified again (expiry, revocation, suspension). */
    @WithDefault("15s")
    Duration recheckInterval();

    /** Open streams one client (or one operator credential) may hold at once. */
    @WithDefault("10")
    int maxStreamsPerCaller();

    /** SKUs one stream may follow. */
    @WithDefault("1000")
    int maxSkusPerStream();
}
