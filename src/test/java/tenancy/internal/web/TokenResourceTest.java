package tenancy.internal.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Api.TestClient;

@QuarkusTest
class TokenResourceTest {

    @Test
    void issuesAnOperatorTokenForBasicCredentials() {
        given().auth()
                .preemptive()
                .basic(Api.OPERATOR_ID, Api.OPERATOR_SECRET)
                .formParam("grant_type", "client_credentials")
                .post("/oauth2/token")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(600))
                .body("access_token", notNullValue())
                .body("scope", equalTo(String.join(" ", tenancy.Scopes.ALL)));
    }

    @Test
    void issuesAClientTokenForFormCredentialsWithTheTenantClaim() {
        TestClient client = Api.newClient("Form Co", "orders:read", "inventory:read");
        Map<String, Object> claims = claims(client.token());
        assertThat(claims)
                .containsEntry("tenant", client.id().toString())
                .containsEntry("sub", client.credentialId().toString())
                .containsEntry("aud", "quartermaster")
                .containsEntry("scope", "orders:read inventory:read")
                .containsKeys("iss", "iat", "exp", "jti");
        assertThat(((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue())
                .isEqualTo(600);
    }

    @Test
    void answersWrongSecretAndUnknownClientIdentically() {
        TestClient client = Api.newClient("Secretive Co", "orders:read");
        Response wrongSecret = given().formParam("grant_type", "client_credentials")
                .formParam("client_id", client.clientId())
                .formParam("client_secret", client.clientSecret() + "x")
                .post("/oauth2/token");
        Response unknownClient = given().formParam("grant_type", "client_credentials")
                .formParam("client_id", "no-such-client")
                .formParam("client_secret", client.clientSecret() + "x")
                .post("/oauth2/token");
        Response wrongOperatorSecret = given().formParam("grant_type", "client_credentials")
                .formParam("client_id", Api.OPERATOR_ID)
                .formParam("client_secret", "nope-nope-nope")
                .post("/oauth2/token");
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(unknownClient.statusCode()).isEqualTo(401);
        assertThat(wrongOperatorSecret.statusCode()).isEqualTo(401);
        assertThat(wrongSecret.asString())
                .isEqualTo(unknownClient.asString())
                .isEqualTo(wrongOperatorSecret.asString());
        assertThat(wrongSecret.jsonPath().getString("error")).isEqualTo("invalid_client");
    }

    @Test
    void refusesAnotherClientsIdWithAValidSecret() {
        TestClient a = Api.newClient("A Co", "orders:read");
        TestClient b = Api.newClient("B Co", "orders:read");
        given().formParam("grant_type", "client_credentials")
                .formParam("client_id", b.clientId())
                .formParam("client_secret", a.clientSecret())
                .post("/oauth2/token")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void asksForBasicAuthenticationWhenBasicCredentialsFail() {
        given().auth()
                .preemptive()
                .basic("operator", "wrong-secret-123")
                .formParam("grant_type", "client_credentials")
                .post("/oauth2/token")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Basic realm=\"quartermaster\"")
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void refusesUnsupportedGrantTypes() {
        given().auth()
                .preemptive()
                .basic(Api.OPERATOR_ID, Api.OPERATOR_SECRET)
                .formParam("grant_type", "password")
                .post("/oauth2/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("unsupported_grant_type"));
    }

    @Test
    void refusesAMissingGrantType() {
        given().auth()
                .preemptive()
                .basic(Api.OPERATOR_ID, Api.OPERATOR_SECRET)
                .formParam("scope", "orders:read")
                .post("/oauth2/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void refusesAJsonBodyAsInvalidRequest() {
        given().contentType("application/json")
                .body("{\"grant_type\":\"client_credentials\"}")
                .post("/oauth2/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void refusesRepeatedParameters() {
        given().auth()
                .preemptive()
                .basic(Api.OPERATOR_ID, Api.OPERATOR_SECRET)
                .formParam("grant_type", "client_credentials")
                .formParam("grant_type", "client_credentials")
                .post("/oauth2/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void narrowsTheScopeToTheRequestedSubset() {
        String token = given().auth()
                .preemptive()
                .basic(Api.OPERATOR_ID, Api.OPERATOR_SECRET)
                .formParam("grant_type", "client_credentials")
                .formParam("scope", "orders:read audit:read")
                .post("/oauth2/token")
                .then()
                .statusCode(200)
                .body("scope", equalTo("orders:read audit:read"))
                .extract()
                .path("access_token");
        assertThat(claims(token)).containsEntry("scope", "orders:read audit:read");
        // the narrowed operator token no longer manages clients
        Api.as(token).get("/v1/clients").then().statusCode(403).body("code", equalTo("insufficient_scope"));
    }

    @Test
    void refusesScopesTheCredentialDoesNotHold() {
        TestClient client = Api.newClient("Narrow Co", "orders:read");
        given().formParam("grant_type", "client_credentials")
                .formParam("client_id", client.clientId())
                .formParam("client_secret", client.clientSecret())
                .formParam("scope", "orders:read orders:write")
                .post("/oauth2/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_scope"));
        given().formParam("grant_type", "client_credentials")
                .formParam("client_id", client.clientId())
                .formParam("client_secret", client.clientSecret())
                .formParam("scope", "galaxy:rule")
                .post("/oauth2/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_scope"));
    }

    @Test
    void givesNoTokenToARevokedCredential() {
        TestClient client = Api.newClient("Revoked Co", "orders:read");
        Api.asOperator()
                .delete("/v1/clients/" + client.id() + "/credentials/" + client.credentialId())
                .then()
                .statusCode(204);
        given().formParam("grant_type", "client_credentials")
                .formParam("client_id", client.clientId())
                .formParam("client_secret", client.clientSecret())
                .post("/oauth2/token")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void givesNoTokenToASuspendedClient() {
        TestClient client = Api.newClient("Suspended Co", "orders:read");
        String etag = Api.asOperator().get("/v1/clients/" + client.id()).header("ETag");
        Api.asOperator()
                .header("If-Match", etag)
                .body(Map.of("status", "suspended"))
                .patch("/v1/clients/" + client.id())
                .then()
                .statusCode(200);
        given().formParam("grant_type", "client_credentials")
                .formParam("client_id", client.clientId())
                .formParam("client_secret", client.clientSecret())
                .post("/oauth2/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("unauthorized_client"));
    }

    @Test
    void acceptsTheCredentialIdAsClientIdToo() {
        TestClient client = Api.newClient("Alias Co", "orders:read");
        String token = Api.token(client.credentialId().toString(), client.clientSecret());
        assertThat(claims(token)).containsEntry("tenant", client.id().toString());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> claims(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return io.restassured.path.json.JsonPath.from(payload).getMap("");
    }

    static List<String> parts(String jwt) {
        return List.of(jwt.split("\\."));
    }
}
