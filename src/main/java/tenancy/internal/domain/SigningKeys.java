package tenancy.internal.domain;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import platform.crypto.FieldCipher;
import platform.db.DatabaseBootstrap;
import platform.id.Ids;

/**
 * The RS256 keys that sign access tokens. They live in the database, so every instance signs and
 * accepts the same tokens and tokens survive restarts; each key has a {@code kid}, so keys rotate: a new
 * key is made when the newest is older than the rotation period, and old keys stay published in the
 * JWKS until every token they signed has expired.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);
    private static final Duration RELOAD_AFTER = Duration.ofSeconds(60);

    private final EntityManager em;
    private final FieldCipher cipher;
    private final TokenConfig config;
    private final Clock clock = Clock.systemUTC();

    private volatile ActiveKey active;

    private final AdvisoryLockRepository locks;

    SigningKeys(EntityManager em, FieldCipher cipher, TokenConfig config, AdvisoryLockRepository locks) {
        this.locks = locks;
        this.em = em;
        this.cipher = cipher;
        this.config = config;
    }

    /** The key to sign with now, with its id. */
    public record ActiveKey(String kid, PrivateKey privateKey, Instant loadedAt) {}

    @Transactional
    void onStart(@Observes @Priority(DatabaseBootstrap.PRIORITY + 10) StartupEvent event) {
        locks.lockForTransaction("tenancy.signing_keys");
        SigningKeyEntity newest = newest();
        Instant now = clock.instant();
        if (newest == null || newest.createdAt.isBefore(now.minus(config.keyRotationPeriod()))) {
            newest = generate(now);
            LOG.infof("Created token signing key %s", newest.kid);
        }
        // Keys older than two rotation periods signed no token that is still valid.
        em.createQuery(
                        "UPDATE SigningKeyEntity k SET k.retiredAt = :now WHERE k.retiredAt IS NULL AND k.createdAt < :cutoff")
                .setParameter("now", now)
                .setParameter("cutoff", now.minus(config.keyRotationPeriod().multipliedBy(2)))
                .executeUpdate();
    }

    /** The newest key; reloaded at most once a minute so that a rotation made by another instance is picked up. */
    public ActiveKey active() {
        ActiveKey current = active;
        if (current == null || current.loadedAt().isBefore(clock.instant().minus(RELOAD_AFTER))) {
            current = load();
            active = current;
        }
        return current;
    }

    /** The public JWK set of every key that may have signed a valid token. */
    @Transactional
    public List<String> publishedJwks() {
        return em.createQuery(
                        "SELECT k.publicJwk FROM SigningKeyEntity k WHERE k.retiredAt IS NULL ORDER BY k.createdAt DESC",
                        String.class)
                .getResultList();
    }

    @Transactional
    ActiveKey load() {
        SigningKeyEntity newest = newest();
        if (newest == null) {
            throw new IllegalStateException("no token signing key; the start-up step did not run");
        }
        try {
            byte[] pkcs8 = Base64.getDecoder().decode(cipher.decrypt(newest.privateKeyCiphertext, context(newest.kid)));
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new ActiveKey(newest.kid, key, clock.instant());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored signing key is unreadable", e);
        }
    }

    private SigningKeyEntity newest() {
        return em.createQuery(
                        "FROM SigningKeyEntity k WHERE k.retiredAt IS NULL ORDER BY k.createdAt DESC",
                        SigningKeyEntity.class)
                .setMaxResults(1)
                .getResultStream()
                .findFirst()
                .orElse(null);
    }

    private SigningKeyEntity generate(Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            String kid = Ids.newId().toString();
            RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) pair.getPublic());
            jwk.setKeyId(kid);
            jwk.setAlgorithm("RS256");
            jwk.setUse("sig");
            SigningKeyEntity entity = new SigningKeyEntity();
            entity.kid = kid;
            entity.algorithm = "RS256";
            entity.publicJwk = jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
            entity.privateKeyCiphertext = cipher.encrypt(
                    Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()), context(kid));
            entity.createdAt = now;
            em.persist(entity);
            return entity;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a signing key", e);
        }
    }

    static String context(String kid) {
        return "tenancy.signing_keys.private_key:" + kid;
    }
}
