package security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tenancy.Scopes;
import testsupport.Api;

/**
 * Function-level authorisation (OWASP API5), generated from the OpenAPI document: every secured route is
 * called with a token holding exactly one scope, for each of the nine scopes. A scope the route lists
 * must get past authorisation; any other must be refused with 403 (404 where a client may read its own
 * resource, so that ids cannot be probed).
 */
@QuarkusTest
class AuthorizationMatrixTest {

    /** Routes a client may also use on its own resource with any scope; others' ids answer 404. */
    private static final Set<String> SELF_ACCESS = Set.of("GET /v1/clients/{id}", "GET /v1/clients/{id}/prices/{sku}");

    @Test
    void everyRouteRefusesEveryScopeItDoesNotList() {
        JsonPath openapi = JsonPath.from(
                given().accept("application/json").get("/q/openapi").asString());
        Map<String, Map<String, Object>> paths = openapi.getMap("paths");
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String scope : Scopes.ALL) {
            if (Scopes.CLIENT.contains(scope)) {
                tokens.put(scope, Api.newClient("Matrix " + scope, scope).token());
            } else {
                tokens.put(scope, Api.operatorToken(scope));
            }
        }
        List<String> failures = new ArrayList<>();
        int checked = 0;
        int routes = 0;
        for (var path : paths.entrySet()) {
            for (var operation : path.getValue().entrySet()) {
                String method = operation.getKey().toUpperCase();
                if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                Set<String> allowed = scopesOf(operation.getValue());
                if (allowed.isEmpty()) {
                    continue; // public: token endpoint, discovery
                }
                routes++;
                String route = method + " " + path.getKey();
                String url = path.getKey()
                        .replace("{id}", UUID.randomUUID().toString())
                        .replace("{credentialId}", UUID.randomUUID().toString())
                        .replace("{batchId}", UUID.randomUUID().toString())
                        .replace("{shipmentId}", UUID.randomUUID().toString())
                        .replace("{sku}", "MATRIX-NONE")
                        .replace("{code}", "MATRIX-NONE");
                for (var token : tokens.entrySet()) {
                    var request = given().auth()
                            .oauth2(token.getValue())
                            .header("If-Match", "*")
                            .header("Idempotency-Key", UUID.randomUUID().toString());
                    if (!method.equals("GET") && !method.equals("DELETE")) {
                        request.contentType("application/json").body("{}");
                    }
                    Response r = request.request(method, url);
                    checked++;
                    int status = r.statusCode();
                    if (allowed.contains(token.getKey())) {
                        if (status == 401 || status == 403 || status >= 500) {
                            failures.add(
                                    route + " with " + token.getKey() + ": expected past authorisation, got " + status);
                        }
                    } else {
                        boolean refused = status == 403 || (SELF_ACCESS.contains(route) && status == 404);
                        if (!refused) {
                            failures.add(route + " with " + token.getKey() + ": expected 403, got " + status);
                        }
                    }
                }
            }
        }
        System.out.println(
                "AuthorizationMatrixTest checked " + routes + " routes x " + tokens.size() + " scopes = " + checked);
        assertThat(routes).isGreaterThanOrEqualTo(25);
        assertThat(failures).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Set<String> scopesOf(Object operation) {
        Set<String> scopes = new LinkedHashSet<>();
        Object security = ((Map<String, Object>) operation).get("security");
        if (security instanceof List<?> requirements) {
            for (Object requirement : requirements) {
                ((Map<String, List<String>>) requirement).values().forEach(scopes::addAll);
            }
        }
        return scopes;
    }
}
