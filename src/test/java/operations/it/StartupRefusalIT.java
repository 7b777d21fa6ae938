package operations.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
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
 * The packaged server refuses to start with settings that cannot work, with one line naming the setting
 * and why, and a non-zero exit status: other key bytes under a key id that has stored values, another
 * pepper than the stored secrets were hashed with, a missing required setting. Restarted on the same
 * database with the right settings, it starts. Its operator secret holds the characters HTTP Basic
 * credentials must form-urlencode (RFC 6749 §2.3.1). Run by failsafe after {@code package}.
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

    @Test
    @Order(2)
    void refusesOtherBytesUnderTheSameKeyId() throws Exception {
        stopApp();
        assertRefused(
                Map.of("QUARTERMASTER_CRYPTO_KEYS_IT", PackagedApp.newKey()),
                "Refusing to start: quartermaster.crypto.keys.it cannot decrypt the values stored under key id 'it'");
    }

    @Test
    @Order(3)
    void refusesAnotherPepper() throws Exception {
        assertRefused(
                Map.of("QUARTERMASTER_SECRETS_PEPPER", PackagedApp.newKey()),
                "Refusing to start: quartermaster.secrets.pepper is not the pepper the stored client secrets"
                        + " were hashed with");
    }

    @Test
    @Order(4)
    void refusesAMissingRequiredSetting() throws Exception {
        assertRefused(
                Map.of("QUARTERMASTER_SECRETS_PEPPER", ""),
                "Refusing to start: quartermaster.secrets.pepper is not set (QUARTERMASTER_SECRETS_PEPPER); it is"
                        + " required");
    }

    @Test
    @Order(5)
    void refusesAKeyThatIsNoKey() throws Exception {
        assertRefused(
                Map.of("QUARTERMASTER_CRYPTO_KEYS_IT", "c2hvcnQ="),
                "Refusing to start: quartermaster.crypto.keys.it must be 32 bytes (base64), not 5");
    }

    @Test
    @Order(6)
    void startsAgainWithTheSettingsTheDataWasWrittenWith() throws Exception {
        app = APP.start(PORT);
        assertThat(token(URLEncoder.encode(SECRET, StandardCharsets.UTF_8))).isEqualTo(200);
    }

    /** Starts an instance with {@code env} changed, expects it to exit non-zero with {@code line} in its output. */
    private static void assertRefused(Map<String, String> env, String line) throws Exception {
        int port = Ports.free();
        Process refused = APP.launch(port, env);
        boolean exited = refused.waitFor(3, TimeUnit.MINUTES);
        if (!exited) {
            refused.destroyForcibly().waitFor();
        }
        String log = Files.readString(APP.log(port));
        assertThat(exited)
                .as("the instance exits by itself; its output:%n%s", log)
                .isTrue();
        assertThat(refused.exitValue()).as("exit status; output:%n%s", log).isNotZero();
        List<String> naming = log.lines().filter(l -> l.contains(line)).toList();
        assertThat(naming).as("one line naming the setting; output:%n%s", log).hasSize(1);
        assertThat(log).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
