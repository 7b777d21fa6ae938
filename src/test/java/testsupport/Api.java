package testsupport;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test fixtures that speak to the running application over HTTP only: tokens, clients and credentials,
 * made the way an integration engineer would make them.
 */
public final class Api {

    public static final String OPERATOR_ID = "operator";
    public static final String OPERATOR_SECRET = "test-operator-secret";

    private static final Map<String, CachedToken> OPERATOR_TOKENS = new ConcurrentHashMap<>();

    /** A token and when to fetch a new one: half-way through its life, so a long run never uses an expired one. */
    private record CachedToken(String token, Instant renewAt) {}

    private Api() {}

    /** A client and one credential of it, with a token for that credential. */
    public record TestClient(UUID id, String clientId, String clientSecret, UUID credentialId, String token) {}

    public static String operatorToken() {
        return operatorToken("");
    }

    /**
     * An operator token, narrowed to {@code scope} when it is not empty. Cached (the KDF check is slow) and
     * renewed half-way through its life: on a loaded machine the suite outlives a token (10 minutes).
     */
    public static String operatorToken(String scope) {
        return OPERATOR_TOKENS
                .compute(scope, (s, cached) -> {
                    if (cached != null && Instant.now().isBefore(cached.renewAt())) {
                        return cached;
                    }
                    var request = given().auth()
                            .preemptive()
                            .basic(OPERATOR_ID, OPERATOR_SECRET)
                            .formParam("grant_type", "client_credentials");
                    if (!s.isEmpty()) {
                        request.formParam("scope", s);
                    }
                    Instant asked = Instant.now();
                    Response answer = request.post("/oauth2/token");
                    answer.then().statusCode(200);
                    long lifetime = answer.jsonPath().getLong("expires_in");
                    return new CachedToken(answer.path("access_token"), asked.plusSeconds(lifetime / 2));
                })
                .token();
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    public static RequestSpecification asOperator() {
        return as(operatorToken());
    }

    public static UUID createClient(String name) {
        return createClient(Map.of("name", name, "currency", "EUR", "creditLimit", "10000.00"));
    }

    public static UUID createClient(Map<String, Object> body) {
        String id = asOperator()
                .body(body)
                .post("/v1/clients")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        return UUID.fromString(id);
    }

    public static Response createCredential(UUID clientId, List<String> scopes) {
        return asOperator()
                .body(Map.of("name", "test", "scopes", scopes))
                .post("/v1/clients/" + clientId + "/credentials");
    }

    public static String token(String clientId, String secret) {
        return given().formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", secret)
                .post("/oauth2/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    /** A fresh client with a credential holding {@code scopes} and a token for it. */
    public static TestClient newClient(String name, String... scopes) {
        UUID id = createClient(name);
        Response credential = createCredential(id, List.of(scopes));
        credential.then().statusCode(201);
        String clientId = credential.path("clientId");
        String secret = credential.path("clientSecret");
        UUID credentialId = UUID.fromString(credential.path("id"));
        return new TestClient(id, clientId, secret, credentialId, token(clientId, secret));
    }
}
