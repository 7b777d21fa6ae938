package platform.health;

import io.agroal.api.AgroalDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import platform.events.KafkaRelay;

/**
 * Readiness beyond the database (which Quarkus checks itself): Redis, Kafka when configured, and the
 * outbox lag. Redis being away makes an instance not ready only when rate limits fail closed.
 */
@ApplicationScoped
public class ReadinessChecks {

    private final RedisDataSource redis;
    private final AgroalDataSource dataSource;
    private final KafkaRelay relay;
    private final boolean rateLimitsFailOpen;
    private final long maxLag;

    ReadinessChecks(
            RedisDataSource redis,
            AgroalDataSource dataSource,
            KafkaRelay relay,
            @ConfigProperty(name = "quartermaster.rate-limit.fail-open", defaultValue = "true")
                    boolean rateLimitsFailOpen,
            @ConfigProperty(name = "quartermaster.relay.max-lag", defaultValue = "100000") long maxLag) {
        this.redis = redis;
        this.dataSource = dataSource;
        this.relay = relay;
        this.rateLimitsFailOpen = rateLimitsFailOpen;
        this.maxLag = maxLag;
    }

    @Produces
    @Readiness
    HealthCheck redis() {
        return () -> {
            boolean reachable;
            try {
                reachable = "PONG".equalsIgnoreCase(String.valueOf(redis.execute("PING")));
            } catch (RuntimeException e) {
                reachable = false;
            }
            return HealthCheckResponse.named("Redis (rate limits)")
                    .status(reachable || rateLimitsFailOpen)
                    .withData("reachable", reachable)
                    .withData("whenUnreachable", rateLimitsFailOpen ? "fail open" : "fail closed")
                    .build();
        };
    }

    @Produces
    @Readiness
    HealthCheck outbox() {
        return () -> {
            long waiting;
            long oldestSeconds;
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("""
                            SELECT count(*), coalesce(extract(epoch FROM now() - min(time)), 0)::bigint
                              FROM platform.outbox WHERE published_at IS NULL""");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                waiting = rs.getLong(1);
                oldestSeconds = rs.getLong(2);
            } catch (Exception e) {
                return HealthCheckResponse.named("Outbox")
                        .down()
                        .withData("error", "cannot read the outbox")
                        .build();
            }
            var failure = relay.recentFailure(30_000);
            boolean up = !relay.enabled() || (waiting <= maxLag && failure.isEmpty());
            var builder = HealthCheckResponse.named("Outbox and Kafka relay")
                    .status(up)
                    .withData("relay", relay.enabled() ? "on" : "off (no kafka.bootstrap.servers; events wait)")
                    .withData("waiting", waiting)
                    .withData("oldestWaitingSeconds", oldestSeconds);
            failure.ifPresent(f -> builder.withData("kafka", "unreachable: " + f));
            return builder.build();
        };
    }
}
