package platform.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.SilentServer;

/**
 * A Redis that accepts connections and never answers, with rate limits failing closed (issue #10 item 15):
 * the caller gets 503 {@code unavailable} with {@code Retry-After}, never 500 and never a 503 that does not
 * say when to retry.
 */
@QuarkusTest
@TestProfile(DependencyTimeoutTest.HangingRedis.class)
class DependencyTimeoutTest {

    /** Redis on a server that never answers; limits fail closed. */
    public static class HangingRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.timeout", "1S", "quartermaster.rate-limit.on-redis-failure", "refuse");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SilentServer.class));
        }
    }

    @Test
    void aRedisTimeOutAtTheTokenEndpointIsUnavailableWithRetryAfter() {
        given().auth()
                .preemptive()
                .basic(Api.OPERATOR_ID, Api.OPERATOR_SECRET)
                .formParam("grant_type", "client_credentials")
                .post("/oauth2/token")
                .then()
                .statusCode(503)
                .header("Retry-After", notNullValue())
                .body("code", equalTo("unavailable"));
    }
}
