package tenancy.internal.domain;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import platform.id.Ids;
import tenancy.Scopes;

/**
 * The OAuth 2.0 client-credentials grant (RFC 6749 §4.4): authenticates a credential, narrows its scopes
 * to those requested and signs a short-lived JWT that quarkus-oidc (or anyone, through the JWKS) verifies.
 */
@ApplicationScoped
public class TokenService {

    public static final String AUDIENCE = "quartermaster";
    private static final Duration MAX_LIFETIME = Duration.ofMinutes(15);

    private final SecretHasher secretHasher;
    private final PasswordHasher passwordHasher;
    private final SigningKeys keys;
    private final TokenConfig config;
    private final Clock clock = Clock.systemUTC();
    /** Verified against when no operator has the id, so that an unknown id costs the same Argon2id work. */
    private final String dummyKdf;

    TokenService(SecretHasher secretHasher, PasswordHasher passwordHasher, SigningKeys keys, TokenConfig config) {
        this.secretHasher = secretHasher;
        this.passwordHasher = passwordHasher;
        this.dummyKdf = passwordHasher.hash(secretHasher.newSecret());
        this.keys = keys;
        this.config = config;
    }

    @Transactional
    public IssuedToken issue(String clientId, String clientSecret, String requestedScope) {
        CredentialEntity credential = authenticate(clientId, clientSecret);
        ClientEntity client = null;
        if (credential.clientId != null) {
            client = ClientEntity.findById(credential.clientId);
            if (client == null) {
                throw TokenError.invalidClient();
            }
            if (client.isSuspended()) {
                throw TokenError.unauthorizedClient("the client is suspended");
            }
        }
        Set<String> granted = narrow(credential.scopeSet(), requestedScope);
        String scope = String.join(" ", granted);

        Duration lifetime = config.lifetime().compareTo(MAX_LIFETIME) > 0 ? MAX_LIFETIME : config.lifetime();
        Instant now = clock.instant();
        SigningKeys.ActiveKey key = keys.active();
        JwtClaimsBuilder claims = Jwt.issuer(config.issuer())
                .audience(AUDIENCE)
                .subject(credential.id.toString())
                .claim("scope", scope)
                .claim("jti", Ids.newId().toString())
                .issuedAt(now)
                .expiresAt(now.plus(lifetime));
        if (client != null) {
            claims.claim("tenant", client.id.toString());
        }
        String token = claims.jws()
                .keyId(key.kid())
                .algorithm(SignatureAlgorithm.RS256)
                .sign(key.privateKey());
        return new IssuedToken(token, lifetime.toSeconds(), scope);
    }

    /**
     * Client credentials are found by the keyed hash of their secret (a unique index), then the client id
     * must match; otherwise the credential must be the operator's, checked against its Argon2id hash. Every
     * failure takes that Argon2id verification (against a dummy hash when no operator has the id) and is
     * the same {@code invalid_client}, so neither the answer nor its time tells whether the id exists.
     */
    private CredentialEntity authenticate(String clientId, String clientSecret) {
        CredentialEntity credential = CredentialEntity.find("secretHmac", (Object) secretHasher.hash(clientSecret))
                .firstResult();
        if (credential != null
                && credential.isActive()
                && (clientId.equals(credential.oauthClientId) || clientId.equals(credential.id.toString()))) {
            return credential;
        }
        CredentialEntity operator = CredentialEntity.find("clientId IS NULL AND oauthClientId = ?1", clientId)
                .firstResult();
        boolean verified = passwordHasher.verify(clientSecret, operator == null ? dummyKdf : operator.secretKdf);
        if (credential != null || operator == null || !operator.isActive() || !verified) {
            throw TokenError.invalidClient();
        }
        return operator;
    }

    private static Set<String> narrow(Set<String> held, String requested) {
        if (requested == null || requested.isBlank()) {
            return held;
        }
        Set<String> asked =
                Arrays.stream(requested.trim().split(" +")).collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> unknown =
                asked.stream().filter(s -> !Scopes.ALL.contains(s)).collect(Collectors.toSet());
        if (!unknown.isEmpty()) {
            throw TokenError.invalidScope("unknown scope: " + String.join(" ", unknown));
        }
        Set<String> notHeld = asked.stream().filter(s -> !held.contains(s)).collect(Collectors.toSet());
        if (!notHeld.isEmpty()) {
            throw TokenError.invalidScope("the credential does not hold: " + String.join(" ", notHeld));
        }
        return asked;
    }
}
