package testsupport;

import io.restassured.RestAssured;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;

/**
 * The packaged application (target/quarkus-app) as real processes for integration tests: one shared
 * fresh database and shared secrets, any number of instances on their own ports.
 */
public final class PackagedApp {

    public static final String ISSUER = "http://quartermaster.it";
    public final String database = "qm_it_" + Long.toHexString(System.nanoTime());
    public final String operatorSecret;
    private final String pepper = key();
    private final String cryptoKey = key();

    public PackagedApp() {
        this("it-operator-secret-" + UUID.randomUUID());
    }

    /** With an operator secret of the test's choosing (for one with reserved characters). */
    public PackagedApp(String operatorSecret) {
        this.operatorSecret = operatorSecret;
    }

    /** A new random value of the form the pepper and the encryption keys take (base64 of 32 bytes). */
    public static String newKey() {
        return key();
    }

    /** Starts an instance on {@code port} and waits until it is ready. */
    public Process start(int port) throws Exception {
        return start(port, Map.of());
    }

    /** The log file of the instance on {@code port}. */
    public Path log(int port) {
        return Path.of("target", database + "-" + port + ".log");
    }

    /** Starts an instance on {@code port} with more environment, and waits until it is ready. */
    public Process start(int port, Map<String, String> extraEnv) throws Exception {
        Process process = launch(port, extraEnv);
        // generous: a packaged start takes seconds alone, far longer on a loaded 2-core machine
        Awaitility.await("readiness of the instance on port " + port)
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(200))
                .failFast("the application exited; see " + log(port), () -> !process.isAlive())
                .ignoreExceptions()
                .until(() ->
                        RestAssured.given().port(port).get("/q/health/ready").statusCode() == 200);
        return process;
    }

    /** Starts an instance on {@code port} with more environment, without waiting for it. */
    public Process launch(int port, Map<String, String> extraEnv) throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-jar", jar.toString());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", FreshDatabase.url(database));
        env.put("QUARTERMASTER_TOKENS_ISSUER", ISSUER);
        env.put("QUARTERMASTER_OPERATOR_CLIENT_SECRET", operatorSecret);
        env.put("QUARTERMASTER_SECRETS_PEPPER", pepper);
        env.put("QUARTERMASTER_CRYPTO_ACTIVE_KEY", "it");
        env.put("QUARTERMASTER_CRYPTO_KEYS_IT", cryptoKey);
        // Redis is shared by every run on the machine: this class's instances share buckets of their own
        env.put("QUARTERMASTER_RATE_LIMIT_KEY_PREFIX", "qm:" + database + ":rl:");
        // the ITs request many tokens from one address (127.0.0.1) for one client ("operator")
        env.put("QUARTERMASTER_RATE_LIMIT_TOKEN_PER_ADDRESS_PER_MINUTE", "100000");
        env.put("QUARTERMASTER_RATE_LIMIT_TOKEN_PER_CLIENT_PER_MINUTE", "100000");
        extraEnv.forEach((name, value) -> {
            if (value.isEmpty()) {
                env.remove(name); // an empty value removes the setting
            } else {
                env.put(name, value);
            }
        });
        builder.redirectErrorStream(true).redirectOutput(log(port).toFile());
        return builder.start();
    }

    public String operatorToken(int port) {
        return RestAssured.given()
                .port(port)
                .auth()
                .preemptive()
                // RFC 6749 §2.3.1: id and secret are form-urlencoded inside Basic
                .basic("operator", URLEncoder.encode(operatorSecret, StandardCharsets.UTF_8))
                .formParam("grant_type", "client_credentials")
                .post("/oauth2/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    public Connection superuser() throws Exception {
        return DriverManager.getConnection(FreshDatabase.url(database), FreshDatabase.USER, null);
    }

    public void dropDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(FreshDatabase.url("postgres"), FreshDatabase.USER, null);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
        }
    }

    private static String key() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
