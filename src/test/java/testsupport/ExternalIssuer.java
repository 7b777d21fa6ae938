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

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        int port = Ports.named("external-issuer");
        KeyPair pair = generate();
        System.setProperty(
                KEY_PROPERTY,
                Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        byte[] jwks = jwks((RSAPublicKey) pair.getPublic()).getBytes(StandardCharsets.UTF_8);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/jwks", exchange -> {
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

    /** The quarkus-oidc settings that trust this issuer (as docs/identity-providers.md describes). */
    protected Map<String, String> oidcConfig(int port) {
        return Map.of(
                "quarkus.oidc.external.tenant-enabled", "true",
                "quarkus.oidc.external.auth-server-url", "http://127.0.0.1:" + port,
                "quarkus.oidc.external.discovery-enabled", "false",
                "quarkus.oidc.external.jwks-path", "jwks",
                "quarkus.oidc.external.token.issuer", issuer(),
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

    /** Signs the claims with this issuer's key. */
    public static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId(KID).sign(privateKey());
    }

    public static PrivateKey privateKey() {
        try {
            byte[] der = Base64.getDecoder().decode(System.getProperty(KEY_PROPERTY));
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

    private static String jwks(RSAPublicKey key) {
        return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KID + "\",\"n\":\""
                + b64(key.getModulus()) + "\",\"e\":\"" + b64(key.getPublicExponent()) + "\"}]}";
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
