package tenancy.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import testsupport.Api;

/**
 * With Redis unreachable the API fails open: requests are served without Remaining/Reset headers, and
 * the failure is counted and logged (documented choice: availability over strict limits for a while).
 */
@QuarkusTest
@TestProfile(RedisDownTest.NoRedis.class)
class RedisDownTest {

    /** Points the Redis client at a port where nothing listens. */
    public static class NoRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1", "quarkus.redis.timeout", "1S");
        }
    }

    @Inject
    RateLimiter limiter;

    @Test
    void servesRequestsWhenRedisIsDown() {
        long before = limiter.failures();
        Response r = Api.asOperator().get("/v1/clients");
        r.then().statusCode(200).header("RateLimit-Limit", "600000");
        assertThat(r.header("RateLimit-Remaining")).isNull();
        assertThat(limiter.failures()).isGreaterThan(before);
        io.restassured.RestAssured.given()
                .get("/q/health/ready")
                .then()
                .body(
                        "checks.find { it.name == 'Redis (rate limits)' }.data.reachable",
                        org.hamcrest.Matchers.equalTo(false))
                .body("checks.find { it.name == 'Redis (rate limits)' }.status", org.hamcrest.Matchers.equalTo("UP"));
    }
}
