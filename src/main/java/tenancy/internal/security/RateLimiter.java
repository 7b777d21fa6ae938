package tenancy.internal.security;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * An atomic token bucket per key, in one Redis script call, with Redis's own clock so that every
 * instance sees the same bucket. The bucket holds {@code capacity} tokens and refills at
 * {@code perMinute} tokens a minute; each request takes one.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** KEYS[1] bucket; ARGV capacity, tokens per millisecond. Returns allowed, remaining, reset s, retry s. */
    private static final String SCRIPT = """
            local capacity = tonumber(ARGV[1])
            local rate = tonumber(ARGV[2])
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(b[1])
            local at = tonumber(b[2])
            if tokens == nil then
              tokens = capacity
              at = now
            end
            tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
            local allowed = 0
            if tokens >= 1 then
              tokens = tokens - 1
              allowed = 1
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
            redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate) + 1000)
            local reset = math.ceil((capacity - tokens) / rate / 1000)
            local retry = 0
            if allowed == 0 then
              retry = math.max(1, math.ceil((1 - tokens) / rate / 1000))
            end
            return {allowed, math.floor(tokens), reset, retry}
            """;

    private static final String SCRIPT_SHA = sha1(SCRIPT);

    private final ReactiveRedisDataSource redis;
    private final RateLimitConfig config;
    private final AtomicLong failures = new AtomicLong();

    RateLimiter(ReactiveRedisDataSource redis, RateLimitConfig config) {
        this.redis = redis;
        this.config = config;
    }

    /** The outcome for one request; {@code limit} is the per-minute rate, as RateLimit-Limit shows it. */
    public record Decision(
            boolean allowed, int limit, long remaining, long resetSeconds, long retryAfterSeconds, boolean enforced) {

        static Decision unenforced(int limit) {
            return new Decision(true, limit, -1, -1, 0, false);
        }
    }

    /** Takes one token from {@code key}'s bucket. When Redis fails, fails open or closed as configured. */
    public Uni<Decision> take(String key, int perMinute, int maxBurst) {
        int capacity = Math.max(1, Math.min(maxBurst, perMinute));
        double perMillisecond = perMinute / 60_000.0;
        String bucket = config.keyPrefix() + key;
        String cap = String.valueOf(capacity);
        String rate = String.valueOf(perMillisecond);
        // EVALSHA runs the cached script; the first call on a Redis that does not know it yet sends it whole
        return redis.execute("EVALSHA", SCRIPT_SHA, "1", bucket, cap, rate)
                .onFailure(e -> e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT"))
                .recoverWithUni(() -> redis.execute("EVAL", SCRIPT, "1", bucket, cap, rate))
                .ifNoItem()
                .after(TIMEOUT)
                .fail()
                .map(r -> new Decision(
                        r.get(0).toInteger() == 1,
                        perMinute,
                        r.get(1).toLong(),
                        r.get(2).toLong(),
                        r.get(3).toLong(),
                        true))
                .onFailure()
                .recoverWithItem(e -> unavailable(perMinute, e));
    }

    /** Blocking form, for worker-thread callers such as the token endpoint. */
    public Decision takeNow(String key, int perMinute, int maxBurst) {
        return take(key, perMinute, maxBurst).await().atMost(TIMEOUT.plusSeconds(1));
    }

    private static String sha1(String script) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-1")
                            .digest(script.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public RateLimitConfig config() {
        return config;
    }

    /** How many checks found Redis unreachable since start. */
    public long failures() {
        return failures.get();
    }

    private Decision unavailable(int perMinute, Throwable e) {
        long n = failures.incrementAndGet();
        if (n == 1 || n % 1000 == 0) {
            LOG.warnf(
                    "Rate limiting unavailable (Redis: %s); %s [failures so far: %d]",
                    e.getMessage(), config.failOpen() ? "letting requests through" : "refusing requests", n);
        }
        if (config.failOpen()) {
            return Decision.unenforced(perMinute);
        }
        throw new platform.error.DomainException(
                platform.error.ErrorCode.UNAVAILABLE, "Rate limiting is unavailable; retry shortly");
    }
}
