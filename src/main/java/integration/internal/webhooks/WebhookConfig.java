package integration.internal.webhooks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Webhook delivery settings. */
@ConfigMapping(prefix = "quartermaster.webhooks")
public interface WebhookConfig {

    /** Allow targets on loopback, private, link-local and other internal addresses (tests, closed networks). */
    @WithDefault("false")
    boolean allowPrivateTargets();

    /** Allow plain http:// targets (otherwise https only). */
    @WithDefault("false")
    boolean allowHttp();

    /** Delay before the first retry; each next one is four times longer, capped at four hours. */
    @WithDefault("PT10S")
    Duration firstRetryDelay();

    /** A delivery that still fails this long after the event is given up (marked failed). */
    @WithDefault("PT26H")
    Duration giveUpAfter();

    /** Timeout of one delivery attempt. */
    @WithDefault("PT10S")
    Duration timeout();

    /** How often dispatcher and senders look for work. */
    @WithDefault("PT1S")
    Duration pollInterval();
}
