package inventory.internal.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Bounds of the stock streams (WebSocket and SSE on /v1/inventory/stream), per connection and per client. */
@ConfigMapping(prefix = "quartermaster.streams")
public interface StreamConfig {

    /** How often open streams are re-checked for expiry, revocation and suspension (StreamGuard). */
    @WithDefault("5s")
    Duration authorityCheckInterval();

    /** Most SKUs one connection may follow, over all its messages (and sinceVersion keys per message). */
    @WithDefault("1000")
    int maxSkusPerConnection();

    /** Messages a WebSocket connection may send per minute (a burst of a sixth); beyond, it is closed with 1008. */
    @WithDefault("120")
    int maxMessagesPerMinute();

    /** Open streams (WebSocket and SSE together) per client, or per subject without a client, on each instance. */
    @WithDefault("20")
    int maxStreamsPerClient();
}
