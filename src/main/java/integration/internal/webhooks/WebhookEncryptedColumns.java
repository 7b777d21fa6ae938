package integration.internal.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import platform.crypto.EncryptedColumns;
import platform.crypto.FieldCipher;

/** Re-encrypts webhook signing secrets under the active key. */
@ApplicationScoped
public class WebhookEncryptedColumns implements EncryptedColumns {

    private final WebhookRepository webhooks;

    WebhookEncryptedColumns(WebhookRepository webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public int reencrypt(FieldCipher cipher, int limit) {
        return webhooks.reencryptSecrets(cipher, limit);
    }
}
