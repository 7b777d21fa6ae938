package testsupport;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A second, real token issuer for tests of external identity providers: an HTTP server on a free port that
 * publishes its RSA key as a JWKS, exactly what quarkus-oidc fetches from Keycloak, Auth0 or Okta. Tests sign
 * their tokens with {@link #token()}; the key and port are shared through system properties, because Quarkus
 * loads this resource and the test class in different class loaders.
 */
public class ExternalIssuer implements QuarkusTestResourceLifecycleManager {

    public static final String KID = "external-test-key";
    private static final String KEY_PROPERTY = "qm.test.external.key";
    private static final String JWK_PROPERTY = "qm.test.external.jwk";
    private static final String KIDS_PROPERTY = "qm.test.external.kids";
    private static final String DOWN_PROPERTY = "qm.test.external.down";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        int port = Ports.named("external-issuer");
        System.clearProperty(DOWN_PROPERTY);
        System.setProperty(KIDS_PROPERTY, "");
        addKey(KID);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/jwks", exchange -> {
            if (Boolean.getBoolean(DOWN_PROPERTY)) { // an outage: the connection closes without an answer
                exchange.close();
                return;
            }
            byte[] jwks = jwks().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.start();
        Map<String, String> config = new HashMap<>();
        config.putAll(oidcConfig(port));
        return config;
    }

    /** Publishes a new signing key under {@code kid} (its private half for {@link #sign(JwtClaimsBuilder, String)}). */
    public static synchronized void addKey(String kid) {
        KeyPair pair = generate();
        System.setProperty(
                KEY_PROPERTY + "." + kid,
                Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        System.setProperty(JWK_PROPERTY + "." + kid, jwk(kid, (RSAPublicKey) pair.getPublic()));
        removeKey(kid);
        String kids = System.getProperty(KIDS_PROPERTY, "");
        System.setProperty(KIDS_PROPERTY, kids.isEmpty() ? kid : kids + "," + kid);
    }

    /** Stops publishing the key {@code kid} (its tokens can still be signed). */
    public static synchronized void removeKey(String kid) {
        String kids = Arrays.stream(System.getProperty(KIDS_PROPERTY, "").split(","))
                .filter(k -> !k.isEmpty() && !k.equals(kid))
                .collect(java.util.stream.Collectors.joining(","));
        System.setProperty(KIDS_PROPERTY, kids);
    }

    /** Makes the issuer unreachable (true) or reachable again (false). */
    public static void down(boolean down) {
        System.setProperty(DOWN_PROPERTY, String.valueOf(down));
    }

    private static String jwks() {
        return Arrays.stream(System.getProperty(KIDS_PROPERTY, "").split(","))
                .filter(k -> !k.isEmpty())
                .map(k -> System.getProperty(JWK_PROPERTY + "." + k))
                .collect(java.util.stream.Collectors.joining(",", "{\"keys\":[", "]}"));
    }

    /** The quarkus-oidc settings that trust this issuer (as docs/identity-providers.md describes). */
    protected Map<String, String> oidcConfig(int port) {
        return Map.of(
                "quarkus.oidc.external.tenant-enabled", "true",
                "quarkus.oidc.external.auth-server-url", "http://127.0.0.1:" + port,
                "quarkus.oidc.external.discovery-enabled", "false",
                "quarkus.oidc.external.jwks-path", "jwks",
                "quarkus.oidc.external.token.issuer", issuer(),
                "quarkus.oidc.external.jwks.cache-time-to-live", "3S",
                "quarkus.oidc.external.jwks.clean-up-timer-interval", "1S",
                "quartermaster.identity.external.operator-claim", "realm_access.roles",
                "quartermaster.identity.external.operator-value", "quartermaster-operator");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** The {@code iss} of this issuer's tokens. */
    public static String issuer() {
        return "http://127.0.0.1:" + Ports.named("external-issuer") + "/realms/quartermaster";
    }

    /** A token of this issuer with {@code aud=quartermaster}, a random subject and five minutes to live. */
    public static JwtClaimsBuilder token() {
        return Jwt.issuer(issuer())
                .audience("quartermaster")
                .subject(UUID.randomUUID().toString())
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(300));
    }

    /** Signs the claims with this issuer's first key. */
    public static String sign(JwtClaimsBuilder claims) {
        return sign(claims, KID);
    }

    /** Signs the claims with the key {@code kid}. */
    public static String sign(JwtClaimsBuilder claims, String kid) {
        return claims.jws().keyId(kid).sign(privateKey(kid));
    }

    public static PrivateKey privateKey() {
        return privateKey(KID);
    }

    private static PrivateKey privateKey(String kid) {
        try {
            byte[] der = Base64.getDecoder().decode(System.getProperty(KEY_PROPERTY + "." + kid));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jwk(String kid, RSAPublicKey key) {
        return "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\""
                + b64(key.getModulus()) + "\",\"e\":\"" + b64(key.getPublicExponent()) + "\"}";
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
