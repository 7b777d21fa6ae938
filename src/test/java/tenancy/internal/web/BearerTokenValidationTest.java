package tenancy.internal.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tenancy.internal.domain.SigningKeys;
import testsupport.Api;

/**
 * quarkus-oidc verifies our tokens through our JWKS; every forged, altered, foreign, expired or misdirected
 * token is refused with a 401 problem.
 */
@QuarkusTest
class BearerTokenValidationTest {

    @Inject
    SigningKeys keys;

    private static String issuer() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quartermaster.tokens.issuer", String.class);
    }

    @Test
    void acceptsAGenuineOperatorToken() {
        Api.asOperator().get("/v1/clients").then().statusCode(200);
    }

    @Test
    void refusesARequestWithoutToken() {
        given().get("/v1/clients")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("code", equalTo("unauthorized"))
                .body("status", equalTo(401))
                .body("traceId", notNullValue());
    }

    @Test
    void refusesAnUnsignedToken() {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = b64("{\"iss\":\"" + issuer() + "\",\"aud\":\"quartermaster\",\"sub\":\"" + UUID.randomUUID()
                + "\",\"scope\":\"clients:admin\",\"exp\":" + (Instant.now().getEpochSecond() + 300) + "}");
        refused(header + "." + payload + ".");
    }

    @Test
    void refusesATamperedPayload() {
        String genuine = Api.operatorToken("orders:read");
        String[] parts = genuine.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"orders:read\"", "\"clients:admin\"");
        refused(parts[0] + "." + b64(payload) + "." + parts[2]);
    }

    @Test
    void refusesATokenSignedByAForeignKey() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey foreign = generator.generateKeyPair().getPrivate();
        String kid = keys.active().kid();
        refused(Jwt.issuer(issuer())
                .audience("quartermaster")
                .subject(UUID.randomUUID().toString())
                .claim("scope", "clients:admin")
                .expiresIn(300)
                .jws()
                .keyId(kid)
                .algorithm(SignatureAlgorithm.RS256)
                .sign(foreign));
    }

    @Test
    void refusesAnHmacTokenKeyedWithThePublicKey() {
        // key confusion: an HS256 token whose "secret" is public knowledge
        String kid = keys.active().kid();
        refused(Jwt.issuer(issuer())
                .audience("quartermaster")
                .subject(UUID.randomUUID().toString())
                .claim("scope", "clients:admin")
                .expiresIn(300)
                .jws()
                .keyId(kid)
                .algorithm(SignatureAlgorithm.HS256)
                .signWithSecret("0123456789abcdef0123456789abcdef0123456789"));
    }

    @Test
    void refusesAnExpiredToken() {
        Instant past = Instant.now().minusSeconds(3600);
        refused(ours().issuedAt(past)
                .expiresAt(past.plusSeconds(600))
                .jws()
                .keyId(keys.active().kid())
                .algorithm(SignatureAlgorithm.RS256)
                .sign(keys.active().privateKey()));
    }

    @Test
    void refusesATokenForAnotherAudience() {
        refused(Jwt.issuer(issuer())
                .audience("someone-else")
                .subject(operatorSubject())
                .claim("scope", "clients:admin")
                .expiresIn(300)
                .jws()
                .keyId(keys.active().kid())
                .algorithm(SignatureAlgorithm.RS256)
                .sign(keys.active().privateKey()));
    }

    @Test
    void refusesATokenFromAnotherIssuer() {
        refused(Jwt.issuer("https://evil.example")
                .audience("quartermaster")
                .subject(operatorSubject())
                .claim("scope", "clients:admin")
                .expiresIn(300)
                .jws()
                .keyId(keys.active().kid())
                .algorithm(SignatureAlgorithm.RS256)
                .sign(keys.active().privateKey()));
    }

    @Test
    void refusesGarbage() {
        refused("not-a-jwt");
    }

    @Test
    void acceptsAFreshlySignedTokenOfAKnownCredential() {
        // the control for the tests above: the same construction with valid claims passes
        given().auth()
                .oauth2(ours().expiresIn(300)
                        .jws()
                        .keyId(keys.active().kid())
                        .algorithm(SignatureAlgorithm.RS256)
                        .sign(keys.active().privateKey()))
                .get("/v1/clients")
                .then()
                .statusCode(200);
    }

    private io.smallrye.jwt.build.JwtClaimsBuilder ours() {
        return Jwt.issuer(issuer())
                .audience("quartermaster")
                .subject(operatorSubject())
                .claim("scope", "clients:admin");
    }

    private static String operatorSubject() {
        String[] parts = Api.operatorToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        return io.restassured.path.json.JsonPath.from(payload).getString("sub");
    }

    private static void refused(String token) {
        given().auth()
                .oauth2(token)
                .get("/v1/clients")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("unauthorized"));
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
