package tenancy.internal.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * An atomic token bucket per key, in one Redis script call, with Redis's own clock so that every
 * instance sees the same bucket. The bucket holds {@code capacity} tokens and refills at
 * {@code perMinute} tokens a minute; each request takes one. Every request also takes from an
 * in-process bucket with the same limits ({@link LocalBuckets}); when Redis fails for any reason (down,
 * slow, pool saturated) that bucket decides, or the request is refused, as configured: never no limit.
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
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(30).toNanos();

    private final LocalBuckets local = new LocalBuckets();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong loggedFailures = new AtomicLong();
    private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
    private final Counter fallbacks;

    RateLimiter(ReactiveRedisDataSource redis, RateLimitConfig config, MeterRegistry registry) {
        this.redis = redis;
        this.config = config;
        this.fallbacks = Counter.builder("quartermaster.rate.limit.fallbacks")
                .description("rate-limit checks Redis did not answer, decided by the local bucket or refused")
                .tag("mode", config.onRedisFailure().name().toLowerCase(java.util.Locale.ROOT))
                .register(registry);
    }

    /** The outcome for one request; {@code limit} is the per-minute rate, as RateLimit-Limit shows it. */
    public record Decision(
            boolean allowed, int limit, long remaining, long resetSeconds, long retryAfterSeconds, boolean enforced) {

        static Decision unenforced(int limit) {
            return new Decision(true, limit, -1, -1, 0, false);
        }
    }

    /** Takes one token from {@code key}'s bucket. When Redis fails, the local bucket decides or 503, as configured. */
    public Uni<Decision> take(String key, int perMinute, int maxBurst) {
        int capacity = Math.max(1, Math.min(maxBurst, perMinute));
        double perMillisecond = perMinute / 60_000.0;
        LocalBuckets.Take here = local.take(key, capacity, perMillisecond);
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
                .recoverWithItem(e -> unavailable(perMinute, here, e));
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

    /** How many checks Redis did not answer since start (also the metric {@code quartermaster_rate_limit_fallbacks_total}). */
    public long failures() {
        return failures.get();
    }

    private Decision unavailable(int perMinute, LocalBuckets.Take here, Throwable e) {
        long n = failures.incrementAndGet();
        fallbacks.increment();
        long now = System.nanoTime();
        long last = lastLog.get();
        if (now - last >= LOG_EVERY_NANOS && lastLog.compareAndSet(last, now)) {
            long since = n - loggedFailures.getAndSet(n);
            LOG.warnf(
                    "Rate limiting without Redis (%s); %s [%d failures in the last %d s, %d since start]",
                    e.getMessage(),
                    config.onRedisFailure() == RateLimitConfig.OnRedisFailure.REFUSE
                            ? "refusing requests"
                            : "limiting with this instance's own buckets",
                    since,
                    Duration.ofNanos(now - last).toSeconds(),
                    n);
        }
        if (config.onRedisFailure() == RateLimitConfig.OnRedisFailure.REFUSE) {
            throw new platform.error.DomainException(
                            platform.error.ErrorCode.UNAVAILABLE, "Rate limiting is unavailable; retry shortly")
                    .retryAfter(1);
        }
        return new Decision(
                here.allowed(), perMinute, here.remaining(), here.resetSeconds(), here.retryAfterSeconds(), true);
    }
}
