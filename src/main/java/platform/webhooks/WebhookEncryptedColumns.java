package platform.webhooks;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import platform.crypto.EncryptedColumns;
import platform.crypto.FieldCipher;
import platform.crypto.SingleColumnReencryption;

/** Re-encrypts webhook signing secrets under the active key. */
@ApplicationScoped
public class WebhookEncryptedColumns implements EncryptedColumns {

    private final AgroalDataSource dataSource;

    WebhookEncryptedColumns(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public int reencrypt(FieldCipher cipher, int limit) {
        try (Connection c = dataSource.getConnection()) {
            return SingleColumnReencryption.reencrypt(
                    c,
                    cipher,
                    limit,
                    "platform.webhook_subscriptions",
                    "id",
                    "secret",
                    id -> WebhookService.context((UUID) id));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot re-encrypt webhook secrets", e);
        }
    }
}
