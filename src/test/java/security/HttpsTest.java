package security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HTTPS by configuration alone: a self-signed certificate made at test time, the API served over TLS. */
@QuarkusTest
@TestProfile(HttpsTest.Tls.class)
class HttpsTest {

    static final int TLS_PORT = testsupport.Ports.named("https-test");
    static final String PASSWORD = "test-keystore-pass";
    static final Path KEYSTORE = Path.of("target", "test-tls.p12");

    /** Generates the certificate with the JDK's keytool and points quarkus.http.ssl at it. */
    public static class Tls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            generate();
            return Map.of(
                    "quarkus.http.ssl.certificate.key-store-file",
                    KEYSTORE.toAbsolutePath().toString(),
                    "quarkus.http.ssl.certificate.key-store-password",
                    PASSWORD,
                    "quarkus.http.test-ssl-port",
                    String.valueOf(TLS_PORT),
                    "quarkus.http.insecure-requests",
                    "enabled");
        }
    }

    static synchronized void generate() {
        if (Files.exists(KEYSTORE)) {
            return;
        }
        try {
            Files.createDirectories(KEYSTORE.getParent());
            String keytool =
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process p = new ProcessBuilder(
                            keytool,
                            "-genkeypair",
                            "-alias",
                            "quartermaster",
                            "-keyalg",
                            "RSA",
                            "-keysize",
                            "2048",
                            "-storetype",
                            "PKCS12",
                            "-keystore",
                            KEYSTORE.toString(),
                            "-storepass",
                            PASSWORD,
                            "-dname",
                            "CN=localhost",
                            "-ext",
                            "SAN=dns:localhost,ip:127.0.0.1",
                            "-validity",
                            "2")
                    .inheritIO()
                    .start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("keytool failed");
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot create the test certificate", e);
        }
    }

    private static RequestSpecification tls() {
        return given().baseUri("https://localhost").port(TLS_PORT).trustStore(KEYSTORE.toFile(), PASSWORD);
    }

    @Test
    void servesTheApiOverTlsWithHsts() {
        tls().get("/q/health/ready").then().statusCode(200);
        String token = tls().auth()
                .preemptive()
                .basic("operator", "test-operator-secret")
                .formParam("grant_type", "client_credentials")
                .post("/oauth2/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        tls().auth()
                .oauth2(token)
                .get("/v1/clients")
                .then()
                .statusCode(200)
                .header("Strict-Transport-Security", startsWith("max-age="))
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void refusesAClientThatDoesNotTrustTheCertificate() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        given().baseUri("https://localhost").port(TLS_PORT).get("/q/health/ready"))
                .isInstanceOf(javax.net.ssl.SSLException.class);
        // and plain HTTP answers without HSTS
        RestAssured.given()
                .get("/q/health/live")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .header("Strict-Transport-Security", org.hamcrest.Matchers.nullValue());
    }
}
