package tenancy.internal.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Token-bucket rate limits, kept in Redis so that they hold across instances. */
@ConfigMapping(prefix = "quartermaster.rate-limit")
public interface RateLimitConfig {

    /** Requests per minute of a client without a limit of its own; its bucket holds min(100, this). */
    @WithDefault("1000")
    int defaultPerMinute();

    /** Requests per minute of each operator credential; its bucket holds min(1000, this). */
    @WithDefault("6000")
    int operatorPerMinute();

    /** Token requests per minute from one remote address, against guessing. */
    @WithDefault("300")
    int tokenPerAddressPerMinute();

    /** Token requests per minute for one client id, against guessing. */
    @WithDefault("60")
    int tokenPerClientPerMinute();

    /** Rate limiting on or off (off only for measurements and emergencies). */
    @WithDefault("true")
    boolean enabled();

    /** Prefix of every bucket key in Redis; instances that share buckets must share it. */
    @WithDefault("qm:rl:")
    String keyPrefix();

    /**
     * When Redis does not answer in time, or its connection pool is saturated: {@code local-bucket} decides
     * with this instance's own bucket (same limits, per instance), {@code refuse} answers 503.
     */
    @WithDefault("local-bucket")
    OnRedisFailure onRedisFailure();

    /** What a rate-limit check does without Redis. */
    enum OnRedisFailure {
        LOCAL_BUCKET,
        REFUSE
    }
}
