package tenancy.internal.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import testsupport.Api;

/** Token buckets in Redis: headers on every authenticated answer, 429 with Retry-After when empty. */
@QuarkusTest
class RateLimitTest {

    @Test
    void everyAuthenticatedAnswerCarriesTheRateLimitHeaders() {
        var client = Api.newClient("Headers Co", "orders:read");
        Response ok = Api.as(client.token()).get("/v1/clients/" + client.id());
        ok.then()
                .statusCode(200)
                .header("RateLimit-Limit", "1000")
                .header("RateLimit-Remaining", notNullValue())
                .header("RateLimit-Reset", notNullValue());
        Response refused = Api.as(client.token()).get("/v1/clients");
        refused.then().statusCode(403).header("RateLimit-Limit", "1000");
        Api.asOperator().get("/v1/nothing-here").then().statusCode(404);
        Api.asOperator().get("/v1/clients").then().header("RateLimit-Limit", notNullValue());
        given().get("/v1/clients").then().statusCode(401);
    }

    @Test
    void aClientOverItsLimitGets429WithRetryAfter() {
        UUID id = Api.createClient(
                Map.of("name", "Tight Co", "currency", "EUR", "creditLimit", "1.00", "rateLimitPerMinute", 5));
        Response credential = Api.createCredential(id, List.of("orders:read"));
        String token = Api.token(credential.path("clientId"), credential.path("clientSecret"));
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            Response r = Api.as(token).get("/v1/clients/" + id);
            r.then().statusCode(200).header("RateLimit-Limit", "5");
            long remaining = Long.parseLong(r.header("RateLimit-Remaining"));
            assertThat(remaining).isLessThan(previous);
            previous = remaining;
        }
        Api.as(token)
                .get("/v1/clients/" + id)
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("code", equalTo("rate_limited"))
                .body("retryable", equalTo(true))
                .header("Retry-After", notNullValue())
                .header("RateLimit-Remaining", "0");
        // the limit is per client: its other credentials share the bucket
        Response second = Api.createCredential(id, List.of("orders:read"));
        String other = Api.token(second.path("clientId"), second.path("clientSecret"));
        Api.as(other).get("/v1/clients/" + id).then().statusCode(429);
        // and another client is not affected
        var unaffected = Api.newClient("Roomy Co", "orders:read");
        Api.as(unaffected.token()).get("/v1/clients/" + unaffected.id()).then().statusCode(200);
    }

    @Test
    void theTokenEndpointLimitsGuessingPerClientId() {
        String clientId = UUID.randomUUID().toString();
        int refused = 0;
        for (int i = 0; i < 70; i++) {
            int status = given().formParam("grant_type", "client_credentials")
                    .formParam("client_id", clientId)
                    .formParam("client_secret", "guess-" + i)
                    .post("/oauth2/token")
                    .statusCode();
            assertThat(status).isIn(401, 429);
            refused += status == 429 ? 1 : 0;
        }
        assertThat(refused).isGreaterThan(0);
        given().formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", "again")
                .post("/oauth2/token")
                .then()
                .statusCode(429)
                .body("code", equalTo("rate_limited"))
                .header("Retry-After", notNullValue());
    }
}
