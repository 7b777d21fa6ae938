package tenancy.internal.domain;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import platform.crypto.EncryptedColumns;
import platform.crypto.FieldCipher;
import platform.crypto.SingleColumnReencryption;

/** Re-encrypts tenancy's encrypted columns: client contact e-mail and tax id, signing keys' private halves. */
@ApplicationScoped
public class TenancyEncryptedColumns implements EncryptedColumns {

    private final AgroalDataSource dataSource;

    TenancyEncryptedColumns(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public int reencrypt(FieldCipher cipher, int limit) {
        int moved = 0;
        String prefix = cipher.activePrefix() + "%";
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement select = c.prepareStatement("""
                    SELECT id, contact_email, tax_id FROM tenancy.clients
                     WHERE contact_email NOT LIKE ? OR tax_id NOT LIKE ?
                     LIMIT ? FOR UPDATE SKIP LOCKED""");
                    PreparedStatement update = c.prepareStatement(
                            "UPDATE tenancy.clients SET contact_email = ?, tax_id = ? WHERE id = ?")) {
                select.setString(1, prefix);
                select.setString(2, prefix);
                select.setInt(3, limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        UUID id = rs.getObject(1, UUID.class);
                        update.setString(1, again(cipher, rs.getString(2), ClientService.context(id, "contact_email")));
                        update.setString(2, again(cipher, rs.getString(3), ClientService.context(id, "tax_id")));
                        update.setObject(3, id);
                        update.addBatch();
                        moved++;
                    }
                }
                update.executeBatch();
            }
            moved += SingleColumnReencryption.reencrypt(
                    c,
                    cipher,
                    Math.max(1, limit - moved),
                    "tenancy.signing_keys",
                    "kid",
                    "private_key",
                    kid -> SigningKeys.context((String) kid));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot re-encrypt tenancy columns", e);
        }
        return moved;
    }

    private static String again(FieldCipher cipher, String stored, String context) {
        return stored == null || !cipher.needsRotation(stored)
                ? stored
                : cipher.encrypt(cipher.decrypt(stored, context), context);
    }
}
