package integration.internal.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import platform.crypto.EncryptedColumns;
import platform.crypto.FieldCipher;
import platform.db.ColumnReencryption;

/** Re-encrypts webhook signing secrets under the active key. */
@ApplicationScoped
public class WebhookEncryptedColumns implements EncryptedColumns {

    private final ColumnReencryption columns;

    WebhookEncryptedColumns(ColumnReencryption columns) {
        this.columns = columns;
    }

    @Override
    public int reencrypt(FieldCipher cipher, int limit) {
        return columns.reencrypt(
                cipher,
                limit,
                "integration.webhook_subscriptions",
                "id",
                List.of("secret"),
                (id, column) -> WebhookService.context((UUID) id));
    }
}
