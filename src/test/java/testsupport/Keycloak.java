package testsupport;

import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real Keycloak (the {@code keycloak-quarkus-dist} the build unpacks into target/keycloak) started in dev
 * mode on a free port, and the few admin REST calls the tests need. It needs a JDK 21 or later: the one
 * named by {@code -Dqm.keycloak.java-home}, the running one, or the newest under /usr/lib/jvm.
 */
public final class Keycloak {

    public static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "admin-" + Long.toHexString(System.nanoTime());

    public final int port = Ports.free();
    private final int managementPort = Ports.free();
    private final Path home;
    private final Path javaHome;
    private Process process;

    private Keycloak(Path home, Path javaHome) {
        this.home = home;
        this.javaHome = javaHome;
    }

    /** Why Keycloak cannot run here, or empty when it can. */
    public static Optional<String> unavailable() {
        if (Boolean.getBoolean("qm.keycloak.skip")) {
            return Optional.of("-Dqm.keycloak.skip=true");
        }
        String home = System.getProperty("qm.keycloak.home");
        if (home == null || !Files.isRegularFile(Path.of(home, "bin", "kc.sh"))) {
            return Optional.of("no unpacked Keycloak at " + home + " (the pre-integration-test phase unpacks it)");
        }
        if (javaHome().isEmpty()) {
            return Optional.of("no JDK 21+ found (set -Dqm.keycloak.java-home)");
        }
        return Optional.empty();
    }

    /** Starts Keycloak and waits (up to five minutes on a busy machine) until its master realm answers. */
    public static Keycloak start() throws IOException {
        Keycloak keycloak = new Keycloak(
                Path.of(System.getProperty("qm.keycloak.home")), javaHome().orElseThrow());
        keycloak.launch();
        return keycloak;
    }

    private void launch() throws IOException {
        // a fresh dev database each time: an earlier run's realm and bootstrap admin must not be found
        Path data = home.resolve("data");
        if (Files.isDirectory(data)) {
            try (Stream<Path> files = Files.walk(data)) {
                for (Path file :
                        files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        ProcessBuilder builder = new ProcessBuilder(
                "bash",
                home.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + port,
                "--http-management-port=" + managementPort,
                "--hostname-strict=false");
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        builder.redirectErrorStream(true).redirectOutput(new File("target", "keycloak-" + port + ".log"));
        process = builder.start();
        try {
            await().atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(500))
                    .until(this::answers);
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }
    }

    private boolean answers() {
        if (!process.isAlive()) {
            throw new IllegalStateException("Keycloak exited; see target/keycloak-" + port + ".log");
        }
        try {
            return RestAssured.given()
                            .get(url() + "/realms/master/.well-known/openid-configuration")
                            .statusCode()
                    == 200;
        } catch (Exception e) { // not listening yet (RestAssured rethrows ConnectException unchecked)
            return false;
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops Keycloak and the JVM its script started. */
    public void stop() {
        if (process != null) {
            var children = process.descendants().toList();
            children.forEach(ProcessHandle::destroy);
            process.destroy();
            children.forEach(child -> child.onExit()
                    .orTimeout(20, java.util.concurrent.TimeUnit.SECONDS)
                    .exceptionally(e -> {
                        child.destroyForcibly();
                        return child;
                    })
                    .join());
            process.destroyForcibly();
        }
    }

    private String adminToken() {
        return RestAssured.given()
                .formParam("grant_type", "password")
                .formParam("client_id", "admin-cli")
                .formParam("username", ADMIN)
                .formParam("password", ADMIN_PASSWORD)
                .post(url() + "/realms/master/protocol/openid-connect/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    /** Sends an admin REST call ({@code /admin/realms…}) and checks its status; the answer. */
    public Response admin(String method, String path, Object body, int expectedStatus) {
        var request = RestAssured.given().auth().oauth2(adminToken()).contentType(ContentType.JSON);
        if (body != null) {
            request.body(body);
        }
        Response response = request.request(method, url() + "/admin/realms" + path);
        response.then().statusCode(expectedStatus);
        return response;
    }

    /** The id at the end of a 201's Location. */
    public static String createdId(Response created) {
        String location = created.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** A client-credentials token of a realm client. */
    public String clientToken(String realm, String clientId, String secret) {
        return RestAssured.given()
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", secret)
                .post(url() + "/realms/" + realm + "/protocol/openid-connect/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    /** A confidential client with only the client-credentials grant, and the given protocol mappers. */
    public String createServiceClient(String realm, String clientId, String secret, List<Map<String, Object>> mappers) {
        Response created = admin(
                "POST",
                "/" + realm + "/clients",
                Map.of(
                        "clientId", clientId,
                        "enabled", true,
                        "publicClient", false,
                        "secret", secret,
                        "serviceAccountsEnabled", true,
                        "standardFlowEnabled", false,
                        "directAccessGrantsEnabled", false,
                        "protocolMappers", mappers),
                201);
        return createdId(created);
    }

    private static Optional<Path> javaHome() {
        String configured = System.getProperty("qm.keycloak.java-home");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        if (Runtime.version().feature() >= 21) {
            return Optional.of(Path.of(System.getProperty("java.home")));
        }
        try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            return jdks.filter(jdk -> feature(jdk) >= 21).max((a, b) -> Integer.compare(feature(a), feature(b)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int feature(Path jdk) {
        Path release = jdk.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(jdk.resolve("bin/java"))) {
            return 0;
        }
        try (var in = Files.newInputStream(release)) {
            Properties p = new Properties();
            p.load(in);
            String version = p.getProperty("JAVA_VERSION", "\"0\"").replace("\"", "");
            return Integer.parseInt(version.split("[.+-]")[0]);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
