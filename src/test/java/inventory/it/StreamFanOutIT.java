package inventory.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import testsupport.PackagedApp;

/**
 * Two instances of the packaged application on one database: a stock change committed through one
 * reaches a WebSocket subscriber connected to the other (no Kafka involved), and a token issued by one
 * is accepted by the other.
 */
class StreamFanOutIT {

    private static final int A = testsupport.Ports.free();
    private static final int B = testsupport.Ports.free();
    private static final PackagedApp APP = new PackagedApp();
    private static Process a;
    private static Process b;

    @BeforeAll
    static void start() throws Exception {
        RestAssured.baseURI = "http://localhost";
        a = APP.start(A);
        b = APP.start(B);
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process p : new Process[] {a, b}) {
            if (p != null) {
                p.destroyForcibly().waitFor();
            }
        }
        APP.dropDatabase();
    }

    @Test
    void aChangeThroughOneInstanceReachesSubscribersOfTheOther() throws Exception {
        String operator = APP.operatorToken(A);
        RestAssured.given()
                .port(A)
                .auth()
                .oauth2(operator)
                .contentType(ContentType.JSON)
                .body(Map.of("sku", "FAN-1", "name", "Fan-out", "unitPrice", "1.00"))
                .post("/v1/products")
                .then()
                .statusCode(201);
        String client = RestAssured.given()
                .port(A)
                .auth()
                .oauth2(operator)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Fan Co", "currency", "EUR", "creditLimit", "1.00"))
                .post("/v1/clients")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Response credential = RestAssured.given()
                .port(A)
                .auth()
                .oauth2(operator)
                .contentType(ContentType.JSON)
                .body(Map.of("scopes", List.of("inventory:read")))
                .post("/v1/clients/" + client + "/credentials");
        String token = RestAssured.given()
                .port(A)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", credential.<String>path("clientId"))
                .formParam("client_secret", credential.<String>path("clientSecret"))
                .post("/oauth2/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");

        LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        WebSocket socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .buildAsync(URI.create("ws://localhost:" + B + "/v1/inventory/stream"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        messages.add(data.toString());
                        ws.request(1);
                        return null;
                    }
                })
                .join();
        socket.sendText("{\"subscribe\":[\"FAN-1\"]}", true).join();
        JsonPath snapshot = JsonPath.from(messages.poll(10, TimeUnit.SECONDS));
        assertThat(snapshot.getLong("onHand")).isZero();

        RestAssured.given()
                .port(A)
                .auth()
                .oauth2(operator)
                .contentType(ContentType.JSON)
                .body(Map.of("adjustments", List.of(Map.of("sku", "FAN-1", "delta", 7, "reason", "restock"))))
                .post("/v1/inventory/adjustments")
                .then()
                .statusCode(200);
        String pushed = messages.poll(10, TimeUnit.SECONDS);
        assertThat(pushed)
                .as("the change made through A arrives at B's subscriber")
                .isNotNull();
        assertThat(JsonPath.from(pushed).getLong("onHand")).isEqualTo(7);
        assertThat(JsonPath.from(pushed).getLong("version")).isEqualTo(snapshot.getLong("version") + 1);
        socket.abort();
    }
}
