package tenancy.internal.security;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.ExternalIssuer;

/**
 * Tokens of an external identity provider (a real second issuer publishing its JWKS): the tenant claim names
 * the client, only the configured operator marker makes an operator, and a token with neither, or with a
 * tenant that is no client id, is refused with 401 {@code invalid_token} (SPEC §9; issue #10 item 4).
 */
@QuarkusTest
@TestProfile(ExternalProviderTokenTest.WithExternalIssuer.class)
class ExternalProviderTokenTest {

    /** Trusts {@link ExternalIssuer}, with the operator marker {@code realm_access.roles ∋ quartermaster-operator}. */
    public static class WithExternalIssuer implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ExternalIssuer.class));
        }
    }

    private static final String ALL_SCOPES =
            "orders:read orders:write inventory:read clients:admin catalog:write audit:read";

    private static String operatorToken() {
        return ExternalIssuer.sign(operatorClaims());
    }

    private static io.smallrye.jwt.build.JwtClaimsBuilder operatorClaims() {
        return ExternalIssuer.token()
                .scope(ALL_SCOPES)
                .claim(
                        "realm_access",
                        Json.createObjectBuilder()
                                .add("roles", Json.createArrayBuilder().add("quartermaster-operator"))
                                .build());
    }

    @Test
    void aTokenWithoutTenantClaimOrOperatorMarkerIsRefused() {
        String token = ExternalIssuer.sign(ExternalIssuer.token().scope("orders:read clients:admin"));
        Api.as(token)
                .get("/v1/orders")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("code", equalTo("invalid_token"));
        Api.as(token).get("/v1/clients").then().statusCode(401).body("code", equalTo("invalid_token"));
    }

    @Test
    void anOperatorRoleOtherThanTheConfiguredOneGrantsNothing() {
        String token = ExternalIssuer.sign(ExternalIssuer.token()
                .scope("orders:read clients:admin")
                .claim(
                        "realm_access",
                        Json.createObjectBuilder()
                                .add(
                                        "roles",
                                        Json.createArrayBuilder().add("admin").add("operator"))
                                .build()));
        Api.as(token).get("/v1/clients").then().statusCode(401).body("code", equalTo("invalid_token"));
    }

    @Test
    void aTenantClaimThatIsNoUuidIsAnInvalidTokenNotAServerError() {
        for (String tenant : List.of("acme", "", "00000000-0000-0000-0000-00000000000g", "1-1-1-1-1")) {
            String token = ExternalIssuer.sign(
                    ExternalIssuer.token().scope("orders:read").claim("tenant", tenant));
            Api.as(token).get("/v1/orders").then().statusCode(401).body("code", equalTo("invalid_token"));
        }
        String numeric =
                ExternalIssuer.sign(ExternalIssuer.token().scope("orders:read").claim("tenant", 42));
        Api.as(numeric).get("/v1/orders").then().statusCode(401).body("code", equalTo("invalid_token"));
    }

    @Test
    void theBuiltInIssuerStaysTrustedBesideTheExternalOne() {
        Api.asOperator().get("/v1/clients").then().statusCode(200);
        String issuer = ConfigProvider.getConfig().getValue("quartermaster.tokens.issuer", String.class);
        given().get("/.well-known/openid-configuration")
                .then()
                .statusCode(200)
                .body("issuer", equalTo(issuer))
                .body("token_endpoint", equalTo(issuer + "/oauth2/token"));
        Api.as(operatorToken()).get("/v1/clients").then().statusCode(200);
    }

    @Test
    void aTokenOfAnIssuerThatIsNeitherIsRefused() {
        String token = ExternalIssuer.token()
                .issuer("http://127.0.0.1:1/realms/other")
                .scope("orders:read")
                .claim("tenant", UUID.randomUUID().toString())
                .jws()
                .keyId(ExternalIssuer.KID)
                .sign(ExternalIssuer.privateKey());
        Api.as(token).get("/v1/orders").then().statusCode(401);
    }

    /** Item 6: the cache time of the provider's keys (3 s in this profile) bounds how long a removed key is trusted. */
    @Test
    void aKeyRemovedAtTheProviderStopsBeingTrustedWithinTheCacheTime() {
        ExternalIssuer.addKey("rotated-out");
        String token = ExternalIssuer.sign(operatorClaims(), "rotated-out");
        Api.as(token).get("/v1/clients").then().statusCode(200);
        ExternalIssuer.removeKey("rotated-out");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> Api.as(token).get("/v1/clients").then().statusCode(401));
    }

    /** Item 6: while no key can be fetched, 503 unavailable with Retry-After (not 500) and readiness DOWN. */
    @Test
    void aProviderOutageIsUnavailableWithRetryAfterAndTakesReadinessDown() {
        ExternalIssuer.addKey("during-outage");
        String token = ExternalIssuer.sign(operatorClaims(), "during-outage");
        ExternalIssuer.down(true);
        try {
            Api.as(token)
                    .get("/v1/clients")
                    .then()
                    .statusCode(503)
                    .header("Retry-After", notNullValue())
                    .body("code", equalTo("unavailable"));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> given().get("/q/health/ready")
                            .then()
                            .statusCode(503)
                            .body("checks.find { it.name == 'External identity provider' }.status", equalTo("DOWN")));
        } finally {
            ExternalIssuer.down(false);
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        Api.as(token).get("/v1/clients").then().statusCode(200);
    }

    @Test
    void theConfiguredOperatorMarkerMakesAnOperator() {
        Api.as(operatorToken()).get("/v1/clients").then().statusCode(200);
    }

    @Test
    void aTenantClaimActsForThatClientOnly() {
        String operator = operatorToken();
        UUID mine = createClient(operator, "external-mine");
        UUID other = createClient(operator, "external-other");
        String token =
                ExternalIssuer.sign(ExternalIssuer.token().scope("orders:read").claim("tenant", mine.toString()));
        Api.as(token).get("/v1/orders").then().statusCode(200);
        Api.as(token).get("/v1/clients/" + mine).then().statusCode(200).body("id", equalTo(mine.toString()));
        Api.as(token).get("/v1/clients/" + other).then().statusCode(404);
        String overreaching = ExternalIssuer.sign(ExternalIssuer.token()
                .scope("orders:read clients:admin catalog:write")
                .claim("tenant", mine.toString()));
        Api.as(overreaching).get("/v1/clients").then().statusCode(403);
        Api.as(overreaching).get("/v1/clients/" + other).then().statusCode(404);
    }

    private static UUID createClient(String operatorToken, String name) {
        return UUID.fromString(Api.as(operatorToken)
                .body(Map.of("name", name, "currency", "EUR", "creditLimit", "1000.00"))
                .post("/v1/clients")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
    }
}
