package tenancy.internal.security;

import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Redis holds the rate limits: its absence makes an instance not ready only when limits are set to refuse without it. */
@Readiness
@ApplicationScoped
public class RedisReadiness implements HealthCheck {

    private final RedisDataSource redis;
    private final RateLimitConfig config;

    RedisReadiness(RedisDataSource redis, RateLimitConfig config) {
        this.redis = redis;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        boolean reachable;
        try {
            reachable = "PONG".equalsIgnoreCase(String.valueOf(redis.execute("PING")));
        } catch (RuntimeException e) {
            reachable = false;
        }
        return HealthCheckResponse.named("Redis (rate limits)")
                .status(reachable || config.onRedisFailure() == RateLimitConfig.OnRedisFailure.LOCAL_BUCKET)
                .withData("reachable", reachable)
                .withData(
                        "whenUnreachable",
                        config.onRedisFailure() == RateLimitConfig.OnRedisFailure.LOCAL_BUCKET
                                ? "local buckets"
                                : "refuse")
                .build();
    }
}
