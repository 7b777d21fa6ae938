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
 * With Redis unreachable the API keeps serving, and the limits still hold: each instance decides with its
 * own in-process buckets (same limits), and every fallback is counted in a metric.
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
        assertThat(r.header("RateLimit-Remaining")).isNotNull();
        assertThat(limiter.failures()).isGreaterThan(before);
        io.restassured.RestAssured.given()
                .header("Authorization", "Bearer " + Api.operatorToken())
                .get("/q/metrics")
                .then()
                .body(org.hamcrest.Matchers.containsString("quartermaster_rate_limit_fallbacks_total"));
        io.restassured.RestAssured.given()
                .get("/q/health/ready")
                .then()
                .body(
                        "checks.find { it.name == 'Redis (rate limits)' }.data.reachable",
                        org.hamcrest.Matchers.equalTo(false))
                .body("checks.find { it.name == 'Redis (rate limits)' }.status", org.hamcrest.Matchers.equalTo("UP"));
    }

    @Test
    void aClientsLimitHoldsWithoutRedis() {
        String[] tokenAndId =
                RateLimitConcurrencyTest.limitedToOnePerMinute("No Redis Co").split(" ");
        Api.as(tokenAndId[0]).get("/v1/clients/" + tokenAndId[1]).then().statusCode(200);
        Api.as(tokenAndId[0])
                .get("/v1/clients/" + tokenAndId[1])
                .then()
                .statusCode(429)
                .body("code", org.hamcrest.Matchers.equalTo("rate_limited"))
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        var answers = RateLimitConcurrencyTest.burst(tokenAndId[0], "/v1/clients/" + tokenAndId[1]);
        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(429));
    }
}
