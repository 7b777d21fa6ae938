package tenancy.internal.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Api.TestClient;

@QuarkusTest
class ClientResourceTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void createsAClientWithLocationAndEtag() {
        Map<String, Object> body = Map.of(
                "name",
                "Acme Industrial",
                "currency",
                "EUR",
                "creditLimit",
                "50000.5",
                "discountPercent",
                2.5,
                "rateLimitPerMinute",
                600,
                "contactEmail",
                "buyer@acme.example",
                "taxId",
                "DE123456789");
        Response created = Api.asOperator().body(body).post("/v1/clients");
        created.then()
                .statusCode(201)
                .header("ETag", "\"0\"")
                .body("id", notNullValue())
                .body("status", equalTo("active"))
                .body("version", equalTo(0))
                .body("creditLimit", equalTo("50000.50"))
                .body("discountPercent", equalTo(2.5f))
                .body("rateLimitPerMinute", equalTo(600))
                .body("contactEmail", equalTo("buyer@acme.example"))
                .body("taxId", equalTo("DE123456789"))
                .body("createdAt", notNullValue());
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/v1/clients/" + id);
        assertThat(UUID.fromString(id).version()).isEqualTo(7);
    }

    @Test
    void storesContactDataEncrypted() throws Exception {
        UUID id = Api.createClient(Map.of(
                "name",
                "Secret Co",
                "currency",
                "USD",
                "creditLimit",
                "1.00",
                "contactEmail",
                "hidden@secret.example",
                "taxId",
                "US-99-1234567"));
        try (Connection c = dataSource.getConnection();
                ResultSet row = c.createStatement()
                        .executeQuery("SELECT contact_email, tax_id FROM tenancy.clients WHERE id = '" + id + "'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).startsWith("v1.test1.").doesNotContain("hidden");
            assertThat(row.getString(2)).startsWith("v1.test1.").doesNotContain("1234567");
        }
    }

    @Test
    void reportsEveryInvalidFieldInOneAnswer() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", " ");
        body.put("currency", "euro");
        body.put("creditLimit", "12.345");
        body.put("discountPercent", 120);
        body.put("rateLimitPerMinute", 0);
        body.put("contactEmail", "not-an-email");
        Api.asOperator()
                .body(body)
                .post("/v1/clients")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("invalid_request"))
                .body(
                        "errors.pointer",
                        containsInAnyOrder(
                                "/name",
                                "/currency",
                                "/creditLimit",
                                "/discountPercent",
                                "/rateLimitPerMinute",
                                "/contactEmail"));
    }

    @Test
    void refusesMissingRequiredFields() {
        Api.asOperator()
                .body(Map.of())
                .post("/v1/clients")
                .then()
                .statusCode(400)
                .body("errors.pointer", containsInAnyOrder("/name", "/currency", "/creditLimit"));
    }

    @Test
    void refusesAnUnknownIsoCurrency() {
        Api.asOperator()
                .body(Map.of("name", "X", "currency", "XYZ", "creditLimit", "1.00"))
                .post("/v1/clients")
                .then()
                .statusCode(400)
                .body("errors[0].pointer", equalTo("/currency"));
    }

    @Test
    void refusesUnknownAndServerOwnedProperties() {
        Api.asOperator()
                .body(Map.of("name", "X", "currency", "EUR", "creditLimit", "1.00", "status", "suspended"))
                .post("/v1/clients")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_request"))
                .body("errors[0].pointer", equalTo("/status"))
                .body("errors[0].code", equalTo("unknown_property"));
        Api.asOperator()
                .body(Map.of("name", "X", "currency", "EUR", "creditLimit", "1.00", "clientId", "abc"))
                .post("/v1/clients")
                .then()
                .statusCode(400)
                .body("errors[0].pointer", equalTo("/clientId"));
    }

    @Test
    void refusesMoneyAsANumber() {
        Api.asOperator()
                .body("{\"name\":\"X\",\"currency\":\"EUR\",\"creditLimit\":100.5}")
                .post("/v1/clients")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_request"))
                .body("errors[0].pointer", equalTo("/creditLimit"));
    }

    @Test
    void refusesMalformedJson() {
        Api.asOperator()
                .body("{\"name\":")
                .post("/v1/clients")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("invalid_request"))
                .body("detail", notNullValue());
    }

    @Test
    void refusesAWrongType() {
        Api.asOperator()
                .body("{\"name\":[1],\"currency\":\"EUR\",\"creditLimit\":\"1.00\"}")
                .post("/v1/clients")
                .then()
                .statusCode(400)
                .body("errors[0].pointer", equalTo("/name"));
    }

    @Test
    void refusesAnEmptyBody() {
        Api.asOperator().post("/v1/clients").then().statusCode(400).body("code", equalTo("invalid_request"));
    }

    @Test
    void refusesAClientTokenOnOperatorEndpoints() {
        TestClient client =
                Api.newClient("Nosy Co", "orders:read", "orders:write", "inventory:read", "webhooks:manage");
        Api.as(client.token())
                .get("/v1/clients")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("insufficient_scope"));
        Api.as(client.token())
                .body(Map.of("name", "X", "currency", "EUR", "creditLimit", "1.00"))
                .post("/v1/clients")
                .then()
                .statusCode(403)
                .body("code", equalTo("insufficient_scope"));
        Api.as(client.token())
                .header("If-Match", "\"0\"")
                .body(Map.of("creditLimit", "99999999.00"))
                .patch("/v1/clients/" + client.id())
                .then()
                .statusCode(403);
        Api.as(client.token())
                .body(Map.of("scopes", List.of("orders:read")))
                .post("/v1/clients/" + client.id() + "/credentials")
                .then()
                .statusCode(403);
    }

    @Test
    void letsAClientReadItselfButAnswers404ForAnotherClient() {
        TestClient a = Api.newClient("A Reader", "orders:read");
        TestClient b = Api.newClient("B Target", "orders:read");
        Api.as(a.token()).get("/v1/clients/" + a.id()).then().statusCode(200).body("id", equalTo(a.id().toString()));
        Response other = Api.as(a.token()).get("/v1/clients/" + b.id());
        Response missing = Api.as(a.token()).get("/v1/clients/" + UUID.randomUUID());
        other.then().statusCode(404).body("code", equalTo("not_found"));
        missing.then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void answers404ForAnUnknownOrMalformedId() {
        Api.asOperator()
                .get("/v1/clients/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .body("code", equalTo("not_found"));
        Api.asOperator().get("/v1/clients/not-a-uuid").then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void pagesThroughClientsWithAStableCursor() {
        for (int i = 0; i < 5; i++) {
            Api.createClient("Paged " + i);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = Api.asOperator().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/v1/clients");
            page.then().statusCode(200);
            List<String> ids = page.path("items.id");
            assertThat(ids.size()).isLessThanOrEqualTo(2);
            seen.addAll(ids);
            cursor = page.path("nextCursor");
            if (pages++ == 0) {
                Api.createClient("Inserted while paging"); // lands after the cursor: seen later, never twice
            }
        } while (cursor != null);
        assertThat(seen).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(6);
        assertThat(seen).containsExactlyElementsOf(allClientIds());
    }

    @Test
    void refusesALimitOutOfRangeAndACursorThatDoesNotParse() {
        Api.asOperator()
                .queryParam("limit", 0)
                .get("/v1/clients")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_request"));
        Api.asOperator().queryParam("limit", 201).get("/v1/clients").then().statusCode(400);
        Api.asOperator().queryParam("limit", "ten").get("/v1/clients").then().statusCode(400);
        Api.asOperator()
                .queryParam("cursor", "garbage!!")
                .get("/v1/clients")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_request"));
        Api.asOperator()
                .queryParam("limit", 200)
                .get("/v1/clients")
                .then()
                .statusCode(200)
                .body("items.size()", lessThanOrEqualTo(200));
    }

    /** Every client id, page by page: the suite's shared database holds more clients than one page. */
    private static List<String> allClientIds() {
        List<String> all = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var request = Api.asOperator().queryParam("limit", 200);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/v1/clients");
            page.then().statusCode(200);
            all.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return all;
    }

    @Test
    void patchNeedsIfMatchAndRefusesAStaleVersion() {
        UUID id = Api.createClient("Patched Co");
        Api.asOperator()
                .body(Map.of("creditLimit", "20000.00"))
                .patch("/v1/clients/" + id)
                .then()
                .statusCode(428)
                .body("code", equalTo("precondition_required"));
        Api.asOperator()
                .header("If-Match", "\"7\"")
                .body(Map.of("creditLimit", "20000.00"))
                .patch("/v1/clients/" + id)
                .then()
                .statusCode(412)
                .body("code", equalTo("version_conflict"));
        Api.asOperator()
                .header("If-Match", "\"0\"")
                .body(Map.of("creditLimit", "20000.00", "discountPercent", 5))
                .patch("/v1/clients/" + id)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("creditLimit", equalTo("20000.00"))
                .body("version", equalTo(1));
        // the same If-Match again is now stale
        Api.asOperator()
                .header("If-Match", "\"0\"")
                .body(Map.of("name", "Renamed"))
                .patch("/v1/clients/" + id)
                .then()
                .statusCode(412);
        Api.asOperator().get("/v1/clients/" + id).then().header("ETag", "\"1\"").body("name", equalTo("Patched Co"));
    }

    @Test
    void patchAcceptsMergePatchAndClearsOptionalFields() {
        UUID id = Api.createClient(Map.of(
                "name",
                "Clear Co",
                "currency",
                "EUR",
                "creditLimit",
                "1.00",
                "contactEmail",
                "a@b.example",
                "rateLimitPerMinute",
                50));
        given().auth()
                .oauth2(Api.operatorToken())
                .contentType("application/merge-patch+json")
                .header("If-Match", "\"0\"")
                .body("{\"contactEmail\":null,\"rateLimitPerMinute\":null}")
                .patch("/v1/clients/" + id)
                .then()
                .statusCode(200)
                .body("contactEmail", nullValue())
                .body("rateLimitPerMinute", equalTo(1000));
    }

    @Test
    void patchReportsEveryProblemAndRefusesReadOnlyFields() {
        UUID id = Api.createClient("Strict Co");
        Api.asOperator()
                .header("If-Match", "\"0\"")
                .body(Map.of("currency", "USD", "status", "closed", "creditLimit", "-5.00", "colour", "red"))
                .patch("/v1/clients/" + id)
                .then()
                .statusCode(400)
                .body("errors.pointer", containsInAnyOrder("/currency", "/status", "/creditLimit", "/colour"));
    }

    @Test
    void suspendingAClientRefusesItsTokensAndReactivatingRestoresThem() {
        TestClient client = Api.newClient("Suspendable Co", "orders:read");
        Api.as(client.token()).get("/v1/clients/" + client.id()).then().statusCode(200);
        Api.asOperator()
                .header("If-Match", "\"0\"")
                .body(Map.of("status", "suspended"))
                .patch("/v1/clients/" + client.id())
                .then()
                .statusCode(200)
                .body("status", equalTo("suspended"));
        Api.as(client.token())
                .get("/v1/clients/" + client.id())
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("client_suspended"));
        Api.asOperator()
                .header("If-Match", "\"1\"")
                .body(Map.of("status", "active"))
                .patch("/v1/clients/" + client.id())
                .then()
                .statusCode(200);
        Api.as(client.token()).get("/v1/clients/" + client.id()).then().statusCode(200);
    }

    @Test
    void listsClientsForOperatorsOnly() {
        UUID id = Api.createClient("Listed Co");
        Api.asOperator()
                .queryParam("limit", 200)
                .get("/v1/clients")
                .then()
                .statusCode(200)
                .body("items", hasSize(org.hamcrest.Matchers.greaterThan(0)));
        assertThat(allClientIds()).contains(id.toString());
    }
}
