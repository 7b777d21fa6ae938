package platform.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import testsupport.PackagedApp;
import testsupport.Ports;

/**
 * The packaged server with an operator secret that holds the characters HTTP Basic credentials must
 * form-urlencode (RFC 6749 §2.3.1). Run by failsafe after {@code package}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StartupRefusalIT {

    private static final String SECRET = "it+operator/secret=%41-" + UUID.randomUUID();
    private static final PackagedApp APP = new PackagedApp(SECRET);
    private static final int PORT = Ports.free();
    private static Process app;

    @BeforeAll
    static void firstStart() throws Exception {
        app = APP.start(PORT); // records the check values of its key and pepper
    }

    @AfterAll
    static void stop() throws Exception {
        stopApp();
        APP.dropDatabase();
    }

    private static void stopApp() throws InterruptedException {
        if (app != null && app.isAlive()) {
            app.destroy();
            if (!app.waitFor(60, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    @Order(1)
    void takesAnOperatorSecretWithReservedCharactersOnlyFormUrlencodedInBasic() {
        assertThat(token(URLEncoder.encode(SECRET, StandardCharsets.UTF_8))).isEqualTo(200);
        // raw, its '+' reads as a space and '%41' as 'A': another secret
        assertThat(token(SECRET)).isEqualTo(401);
        // as form fields the form encoding does it
        RestAssured.given()
                .port(PORT)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", "operator")
                .formParam("client_secret", SECRET)
                .post("/oauth2/token")
                .then()
                .statusCode(200);
    }

    private static int token(String secretInBasic) {
        return RestAssured.given()
                .port(PORT)
                .auth()
                .preemptive()
                .basic("operator", secretInBasic)
                .formParam("grant_type", "client_credentials")
                .post("/oauth2/token")
                .statusCode();
    }
}
