package platform.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Health, discovery and the OpenAPI document are public; they describe the API the standard way. */
@QuarkusTest
class PublicEndpointsTest {

    private static String issuer() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quartermaster.tokens.issuer", String.class);
    }

    @Test
    void reportsLivenessAndReadinessWithTheDatabase() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        // readiness is a state that a check may leave for a moment on a loaded machine (a Redis or Kafka
        // answer later than its time-out; seen under stress-ng): it must be UP within a deadline, and every
        // failed attempt prints the answer, so a check that stays DOWN is named in the report
        Awaitility.await("readiness UP")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> given().get("/q/health/ready")
                        .then()
                        .log()
                        .ifValidationFails()
                        .statusCode(200));
        given().get("/q/health/ready")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.name", hasItem("Redis (rate limits)"))
                .body("checks.find { it.name == 'Redis (rate limits)' }.data.reachable", equalTo(true))
                .body("checks.find { it.name == 'Outbox and Kafka relay' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Outbox and Kafka relay' }.data.relay", equalTo("on"));
    }

    @Test
    void publishesTheIssuerAndItsKeys() {
        given().get("/.well-known/openid-configuration")
                .then()
                .statusCode(200)
                .body("issuer", equalTo(issuer()))
                .body("jwks_uri", equalTo(issuer() + "/.well-known/jwks.json"))
                .body("token_endpoint", equalTo(issuer() + "/oauth2/token"))
                .body("grant_types_supported", hasItem("client_credentials"));
        given().get("/.well-known/jwks.json")
                .then()
                .statusCode(200)
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].use", equalTo("sig"))
                .body("keys[0].kid", notNullValue())
                .body("keys[0]", org.hamcrest.Matchers.not(hasKey("d")));
    }

    @Test
    void describesEveryEndpointWithItsScopesAndErrors() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths", hasKey("/oauth2/token"))
                .body("paths", hasKey("/v1/clients"))
                .body("paths", hasKey("/v1/clients/{id}"))
                .body("paths", hasKey("/v1/clients/{id}/credentials"))
                .body("paths", hasKey("/v1/clients/{id}/credentials/{credentialId}"))
                .body("paths.'/v1/clients'.post.security[0].oauth2", hasItem("clients:admin"))
                .body("paths.'/v1/clients/{id}'.patch.responses", hasKey("428"))
                .body("paths.'/v1/clients/{id}'.patch.responses", hasKey("412"))
                .body("components.securitySchemes.oauth2.flows.clientCredentials.scopes", hasKey("orders:write"))
                .body("components.schemas", hasKey("Problem"));
    }
}
