package tenancy.internal.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-process twin of the Redis buckets: the same capacity and refill rate, but per instance. Every
 * request takes from it too, so that when Redis fails the bucket already reflects what this instance
 * served and the limit holds without a gap. Idle buckets are dropped once the map grows large.
 */
final class LocalBuckets {

    private static final int SWEEP_ABOVE = 50_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** One take: allowed, remaining tokens, seconds until full, seconds until the next token. */
    record Take(boolean allowed, long remaining, long resetSeconds, long retryAfterSeconds) {}

    Take take(String key, int capacity, double perMillisecond) {
        long now = System.nanoTime();
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(b -> b.fullAt(now));
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(capacity, perMillisecond, now))
                .take(capacity, perMillisecond, now);
    }

    int size() {
        return buckets.size();
    }

    private static final class Bucket {
        private double tokens;
        private long at;
        private int capacity;
        private double rate;

        Bucket(int capacity, double rate, long now) {
            this.tokens = capacity;
            this.at = now;
            this.capacity = capacity;
            this.rate = rate;
        }

        synchronized boolean fullAt(long now) {
            return tokens + (now - at) / 1e6 * rate >= capacity;
        }

        synchronized Take take(int capacity, double rate, long now) {
            this.capacity = capacity;
            this.rate = rate;
            tokens = Math.min(capacity, tokens + Math.max(0, now - at) / 1e6 * rate);
            at = now;
            boolean allowed = tokens >= 1;
            if (allowed) {
                tokens -= 1;
            }
            long reset = (long) Math.ceil((capacity - tokens) / rate / 1000);
            long retry = allowed ? 0 : Math.max(1, (long) Math.ceil((1 - tokens) / rate / 1000));
            return new Take(allowed, (long) Math.floor(tokens), reset, retry);
        }
    }
}
