package tenancy.internal.domain;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.jboss.logging.Logger;
import platform.config.ConfigurationRefused;
import platform.db.DatabaseBootstrap;
import platform.id.Ids;
import tenancy.Scopes;

/**
 * Creates the operator credential from configuration at start-up, and keeps its hash in step with the
 * configured secret, which stays the source of truth. In production a missing secret stops the start.
 */
@ApplicationScoped
public class OperatorBootstrap {

    private static final Logger LOG = Logger.getLogger(OperatorBootstrap.class);

    private final OperatorConfig config;
    private final PasswordHasher hasher;
    private final TokenConfig tokens;
    private final AdvisoryLockRepository locks;

    OperatorBootstrap(OperatorConfig config, PasswordHasher hasher, TokenConfig tokens, AdvisoryLockRepository locks) {
        this.locks = locks;
        this.config = config;
        this.hasher = hasher;
        this.tokens = tokens;
    }

    @Transactional
    void onStart(@Observes @Priority(DatabaseBootstrap.PRIORITY + 20) StartupEvent event) {
        String secret = config.clientSecret()
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> new ConfigurationRefused(
                        "quartermaster.operator.client-secret",
                        "is not set (QUARTERMASTER_OPERATOR_CLIENT_SECRET); it is required: the operator's client"
                                + " secret, at least 12 characters (openssl rand -hex 32)"));
        if (secret.length() < 12) {
            throw new ConfigurationRefused(
                    "quartermaster.operator.client-secret",
                    "must have at least 12 characters, not " + secret.length() + " (openssl rand -hex 32)");
        }
        locks.lockForTransaction("tenancy.operator");
        CredentialEntity operator = CredentialEntity.find("clientId IS NULL AND oauthClientId = ?1", config.clientId())
                .firstResult();
        if (operator == null) {
            operator = new CredentialEntity();
            operator.id = Ids.newId();
            operator.oauthClientId = config.clientId();
            operator.name = "operator";
            operator.scopes = String.join(" ", Scopes.ALL);
            operator.status = CredentialEntity.ACTIVE;
            operator.createdAt = Instant.now();
            operator.secretKdf = hasher.hash(secret);
            operator.persist();
            LOG.infof("Created the operator credential '%s'", config.clientId());
        } else if (!hasher.verify(secret, operator.secretKdf)) {
            operator.secretKdf = hasher.hash(secret);
            LOG.infof("The operator secret changed in configuration; stored hash updated");
        }
        operator.scopes = String.join(" ", Scopes.ALL);
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            LOG.infof(
                    "Dev mode operator credential: client_id=%s client_secret=%s%n"
                            + "  get a token:  curl -s -u '%s:%s' -d grant_type=client_credentials %s/oauth2/token",
                    config.clientId(), secret, config.clientId(), secret, tokens.issuer());
        }
    }
}
