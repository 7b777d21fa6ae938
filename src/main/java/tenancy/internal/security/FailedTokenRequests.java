package tenancy.internal.security;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import platform.error.DomainException;
import platform.error.ErrorCode;

/**
 * Failed token requests per client id and remote address, in Redis for one minute: guessing a secret is
 * limited where the guesses come from, and nobody else's failures can lock out a caller who presents the
 * right secret (successful requests are never counted). Limit: {@code token-per-client-per-minute}.
 */
@ApplicationScoped
public class FailedTokenRequests {

    private static final Logger LOG = Logger.getLogger(FailedTokenRequests.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final long WINDOW_MS = 60_000;
    private static final String COUNT = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return n
            """;
    private static final String PEEK = """
            local n = tonumber(redis.call('GET', KEYS[1]) or '0')
            return {n, redis.call('PTTL', KEYS[1])}
            """;

    private final ReactiveRedisDataSource redis;
    private final RateLimitConfig config;
    /** This instance's own count while Redis does not answer (mode local-bucket): key → {window start, count}. */
    private final ConcurrentHashMap<String, long[]> local = new ConcurrentHashMap<>();

    FailedTokenRequests(ReactiveRedisDataSource redis, RateLimitConfig config) {
        this.redis = redis;
        this.config = config;
    }

    /** Seconds until this id may be tried again from this address; 0 when it may be tried now. */
    public long blockedFor(String clientId, String address) {
        if (!config.enabled()) {
            return 0;
        }
        try {
            var r = redis.execute("EVAL", PEEK, "1", key(clientId, address))
                    .await()
                    .atMost(TIMEOUT);
            if (r.get(0).toLong() < config.tokenPerClientPerMinute()) {
                return 0;
            }
            return Math.max(1, (r.get(1).toLong() + 999) / 1000);
        } catch (RuntimeException e) {
            unavailable(e);
            long[] window = local.get(key(clientId, address));
            long left = window == null ? 0 : window[0] + WINDOW_MS - System.currentTimeMillis();
            return window != null && left > 0 && window[1] >= config.tokenPerClientPerMinute()
                    ? Math.max(1, (left + 999) / 1000)
                    : 0;
        }
    }

    /** Counts one failed attempt (a wrong secret or unknown id) of this id from this address. */
    public void failed(String clientId, String address) {
        if (!config.enabled()) {
            return;
        }
        try {
            redis.execute("EVAL", COUNT, "1", key(clientId, address), String.valueOf(WINDOW_MS))
                    .await()
                    .atMost(TIMEOUT);
        } catch (RuntimeException e) {
            unavailable(e);
            long now = System.currentTimeMillis();
            if (local.size() > 10_000) {
                local.values().removeIf(w -> w[0] + WINDOW_MS <= now);
            }
            local.compute(key(clientId, address), (k, w) -> { // atomic per key
                if (w == null || w[0] + WINDOW_MS <= now) {
                    return new long[] {now, 1};
                }
                w[1]++;
                return w;
            });
        }
    }

    /** Without Redis: refuse (mode refuse), or go on with this instance's own count (mode local-bucket). */
    private void unavailable(RuntimeException e) {
        LOG.debugf("failed-token-request count unavailable: %s", e.getMessage());
        if (config.onRedisFailure() == RateLimitConfig.OnRedisFailure.REFUSE) {
            throw new DomainException(ErrorCode.UNAVAILABLE, "Rate limiting is unavailable; retry shortly")
                    .retryAfter(5);
        }
    }

    /** Hashed, so a client id of any length makes a short key. */
    private String key(String clientId, String address) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((clientId + "\n" + address).getBytes(StandardCharsets.UTF_8));
            return config.keyPrefix() + "tf:" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
