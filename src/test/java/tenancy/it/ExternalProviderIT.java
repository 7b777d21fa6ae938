package tenancy.it;

import static org.hamcrest.Matchers.equalTo;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import testsupport.Keycloak;
import testsupport.PackagedApp;
import testsupport.Ports;

/**
 * The packaged application trusting a real Keycloak beside its own issuer, set up exactly as
 * docs/identity-providers.md describes: client scopes included in the token's scope, an audience mapper,
 * a hard-coded tenant claim per service client, and the realm role {@code quartermaster-operator} as the
 * operator marker. Skipped, with the reason, when Keycloak cannot run here ({@code -Dqm.keycloak.skip=true}).
 */
class ExternalProviderIT {

    private static final String REALM = "quartermaster";
    private static final int PORT = Ports.free();
    private static final PackagedApp APP = new PackagedApp();
    private static Keycloak keycloak;
    private static Process app;
    private static String acme;
    private static String other;

    @BeforeAll
    static void start() throws Exception {
        var reason = Keycloak.unavailable();
        Assumptions.assumeTrue(reason.isEmpty(), () -> "ExternalProviderIT skipped: " + reason.orElse(""));
        keycloak = Keycloak.start();
        keycloak.admin("POST", "", Map.of("realm", REALM, "enabled", true), 201);
        String issuer = keycloak.url() + "/realms/" + REALM;
        app = APP.start(
                PORT,
                Map.of(
                        "QUARKUS_OIDC_EXTERNAL_TENANT_ENABLED", "true",
                        "QUARKUS_OIDC_EXTERNAL_AUTH_SERVER_URL", issuer,
                        "QUARKUS_OIDC_EXTERNAL_TOKEN_ISSUER", issuer,
                        "QUARTERMASTER_IDENTITY_EXTERNAL_OPERATOR_CLAIM", "realm_access.roles",
                        "QUARTERMASTER_IDENTITY_EXTERNAL_OPERATOR_VALUE", "quartermaster-operator"));
        String operator = APP.operatorToken(PORT);
        acme = createClient(operator, "Acme via Keycloak");
        other = createClient(operator, "Other via Keycloak");

        List<String> scopes = List.of("orders:read", "orders:write", "clients:admin");
        List<String> scopeIds = scopes.stream()
                .map(scope -> Keycloak.createdId(keycloak.admin(
                        "POST",
                        "/" + REALM + "/client-scopes",
                        Map.of(
                                "name",
                                scope,
                                "protocol",
                                "openid-connect",
                                "attributes",
                                Map.of("include.in.token.scope", "true")),
                        201)))
                .toList();
        String acmeClient =
                keycloak.createServiceClient(REALM, "acme-service", "acme-secret", List.of(audience(), tenant(acme)));
        String rogueClient = keycloak.createServiceClient(REALM, "rogue-service", "rogue-secret", List.of(audience()));
        String opsClient = keycloak.createServiceClient(REALM, "ops-service", "ops-secret", List.of(audience()));
        for (String client : List.of(acmeClient, rogueClient, opsClient)) {
            for (String scopeId : scopeIds) {
                keycloak.admin(
                        "PUT", "/" + REALM + "/clients/" + client + "/default-client-scopes/" + scopeId, null, 204);
            }
        }
        keycloak.admin("POST", "/" + REALM + "/roles", Map.of("name", "quartermaster-operator"), 201);
        Map<?, ?> role = keycloak.admin("GET", "/" + REALM + "/roles/quartermaster-operator", null, 200)
                .as(Map.class);
        String serviceUser = keycloak.admin(
                        "GET", "/" + REALM + "/clients/" + opsClient + "/service-account-user", null, 200)
                .path("id");
        keycloak.admin("POST", "/" + REALM + "/users/" + serviceUser + "/role-mappings/realm", List.of(role), 204);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.destroyForcibly().waitFor();
            APP.dropDatabase();
        }
        if (keycloak != null) {
            keycloak.stop();
        }
    }

    private static Map<String, Object> audience() {
        return Map.of(
                "name", "quartermaster audience",
                "protocol", "openid-connect",
                "protocolMapper", "oidc-audience-mapper",
                "config", Map.of("included.custom.audience", "quartermaster", "access.token.claim", "true"));
    }

    private static Map<String, Object> tenant(String clientId) {
        return Map.of(
                "name",
                "quartermaster tenant",
                "protocol",
                "openid-connect",
                "protocolMapper",
                "oidc-hardcoded-claim-mapper",
                "config",
                Map.of(
                        "claim.name", "tenant",
                        "claim.value", clientId,
                        "jsonType.label", "String",
                        "access.token.claim", "true"));
    }

    private static String createClient(String operator, String name) {
        return app(operator)
                .body(Map.of("name", name, "currency", "EUR", "creditLimit", "100.00"))
                .post("/v1/clients")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static RequestSpecification app(String token) {
        return RestAssured.given().port(PORT).auth().oauth2(token).contentType(ContentType.JSON);
    }

    @Test
    void aKeycloakClientWithATenantClaimActsForThatClientOnly() {
        String token = keycloak.clientToken(REALM, "acme-service", "acme-secret");
        app(token).get("/v1/orders").then().statusCode(200);
        app(token).get("/v1/clients/" + acme).then().statusCode(200).body("id", equalTo(acme));
        app(token).get("/v1/clients/" + other).then().statusCode(404);
    }

    @Test
    void aKeycloakClientWithoutTenantOrOperatorRoleIsRefused() {
        String token = keycloak.clientToken(REALM, "rogue-service", "rogue-secret");
        app(token).get("/v1/orders").then().statusCode(401).body("code", equalTo("invalid_token"));
        app(token).get("/v1/clients").then().statusCode(401).body("code", equalTo("invalid_token"));
    }

    @Test
    void theOperatorRoleMakesAnOperatorAndTheBuiltInIssuerStaysTrusted() {
        String token = keycloak.clientToken(REALM, "ops-service", "ops-secret");
        app(token).get("/v1/clients").then().statusCode(200);
        app(APP.operatorToken(PORT)).get("/v1/clients").then().statusCode(200);
        RestAssured.given()
                .port(PORT)
                .get("/.well-known/openid-configuration")
                .then()
                .statusCode(200)
                .body("issuer", equalTo(PackagedApp.ISSUER));
    }
}
