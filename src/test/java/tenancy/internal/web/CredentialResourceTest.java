package tenancy.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Api.TestClient;

@QuarkusTest
class CredentialResourceTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void createsACredentialAndShowsItsSecretOnlyOnce() throws Exception {
        UUID client = Api.createClient("Creds Co");
        Response created = Api.createCredential(client, List.of("orders:read", "orders:write"));
        created.then()
                .statusCode(201)
                .header("Cache-Control", "no-store")
                .body("id", notNullValue())
                .body("clientId", equalTo(client.toString()))
                .body("clientSecret", startsWith("qms_"))
                .body("scopes", equalTo(List.of("orders:read", "orders:write")));
        String secret = created.path("clientSecret");
        assertThat(secret.length()).isGreaterThanOrEqualTo(43); // 256 bits, base64url

        Api.asOperator()
                .get("/v1/clients/" + client + "/credentials")
                .then()
                .statusCode(200)
                .body("[0].clientSecret", org.hamcrest.Matchers.nullValue())
                .body("[0].status", equalTo("active"));
        try (Connection c = dataSource.getConnection();
                ResultSet rows = c.createStatement().executeQuery("SELECT * FROM tenancy.credentials")) {
            while (rows.next()) {
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    assertThat(String.valueOf(rows.getObject(i))).doesNotContain(secret);
                }
            }
        }
    }

    @Test
    void givesEveryClientScopeWhenNoneAreNamed() {
        UUID client = Api.createClient("Default Scopes Co");
        Api.asOperator()
                .body(Map.of("name", "all"))
                .post("/v1/clients/" + client + "/credentials")
                .then()
                .statusCode(201)
                .body("scopes", hasItems("orders:read", "orders:write", "inventory:read", "webhooks:manage"));
    }

    @Test
    void refusesOperatorAndUnknownScopesOnAClientCredential() {
        UUID client = Api.createClient("Greedy Co");
        Api.createCredential(client, List.of("orders:read", "clients:admin", "root"))
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_request"))
                .body("errors.pointer", equalTo(List.of("/scopes/1", "/scopes/2")));
    }

    @Test
    void answers404ForAnUnknownClient() {
        Api.createCredential(UUID.randomUUID(), List.of("orders:read"))
                .then()
                .statusCode(404)
                .body("code", equalTo("not_found"));
    }

    @Test
    void revokingStopsTokensAlreadyIssued() {
        TestClient client = Api.newClient("Revocable Co", "orders:read");
        Api.as(client.token()).get("/v1/clients/" + client.id()).then().statusCode(200);
        Api.asOperator()
                .delete("/v1/clients/" + client.id() + "/credentials/" + client.credentialId())
                .then()
                .statusCode(204);
        Api.as(client.token())
                .get("/v1/clients/" + client.id())
                .then()
                .statusCode(401)
                .body("code", equalTo("unauthorized"));
        Api.asOperator()
                .get("/v1/clients/" + client.id() + "/credentials")
                .then()
                .body("[0].status", equalTo("revoked"))
                .body("[0].revokedAt", notNullValue());
    }

    @Test
    void revokingACredentialOfAnotherClientIsNotFound() {
        TestClient a = Api.newClient("Owner Co", "orders:read");
        UUID other = Api.createClient("Other Co");
        Api.asOperator()
                .delete("/v1/clients/" + other + "/credentials/" + a.credentialId())
                .then()
                .statusCode(404);
        Api.as(a.token()).get("/v1/clients/" + a.id()).then().statusCode(200);
    }

    @Test
    void aSecondCredentialWorksBesideTheFirst() {
        TestClient client = Api.newClient("Two Keys Co", "orders:read");
        Response second = Api.createCredential(client.id(), List.of("inventory:read"));
        String token = Api.token(second.path("clientId"), second.path("clientSecret"));
        assertThat(TokenResourceTest.claims(token))
                .containsEntry("scope", "inventory:read")
                .containsEntry("sub", second.path("id"));
    }
}
