package platform.webhooks;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import platform.crypto.EncryptedColumns;
import platform.crypto.FieldCipher;

/** Re-encrypts webhook signing secrets under the active key. */
@ApplicationScoped
public class WebhookEncryptedColumns implements EncryptedColumns {

    private final AgroalDataSource dataSource;

    WebhookEncryptedColumns(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public int reencrypt(FieldCipher cipher, int limit) {
        int moved = 0;
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "SELECT id, secret FROM platform.webhook_subscriptions WHERE secret NOT LIKE ? LIMIT ? FOR UPDATE SKIP LOCKED");
                PreparedStatement update = c.prepareStatement("UPDATE platform.webhook_subscriptions SET secret = ? WHERE id = ?")) {
            select.setString(1, cipher.activePrefix() + "%");
            select.setInt(2, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    String context = WebhookService.context(id);
                    update.setString(1, cipher.encrypt(cipher.decrypt(rs.getString(2), context), context));
                    update.setObject(2, id);
                    update.addBatch();
                    moved++;
                }
            }
            update.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot re-encrypt webhook secrets", e);
        }
        return moved;
    }
}
