package security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import testsupport.Api;

/** Secrets never reach a log line: client secrets, tokens and the operator secret, even on failures. */
@QuarkusTest
class SecretsInLogsTest {

    @Test
    void noSecretOrTokenIsEverLogged() throws Exception {
        var client = Api.newClient("Log Watch Co", "orders:read");
        io.restassured.RestAssured.given()
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", client.clientId())
                .formParam("client_secret", client.clientSecret() + "-wrong")
                .post("/oauth2/token")
                .then()
                .statusCode(401);
        Api.as(client.token() + "tampered").get("/v1/clients").then().statusCode(401);
        Api.as(client.token()).body("{\"broken\":").post("/v1/orders").then().statusCode(403);
        // a line logged after the requests: once it is in the file, so is everything they logged
        String marker = "secrets-in-logs-marker-" + UUID.randomUUID();
        Logger.getLogger(SecretsInLogsTest.class).info(marker);
        Path log = Path.of("target", "quarkus-test.log");
        String text = Awaitility.await("the log written up to " + marker)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> Files.readString(log), t -> t.contains(marker));
        assertThat(text).isNotEmpty();
        for (String secret : List.of(client.clientSecret(), client.token(), Api.OPERATOR_SECRET, Api.operatorToken())) {
            assertThat(text).doesNotContain(secret);
        }
        assertThat(text).doesNotContain("qms_");
    }
}
