package orders.internal.domain;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import platform.crypto.EncryptedColumns;
import platform.crypto.FieldCipher;

/** Re-encrypts the orders' shipping addresses. */
@ApplicationScoped
public class OrdersEncryptedColumns implements EncryptedColumns {

    private final AgroalDataSource dataSource;
    private final platform.db.TenantScope scope;

    OrdersEncryptedColumns(AgroalDataSource dataSource, platform.db.TenantScope scope) {
        this.scope = scope;
        this.dataSource = dataSource;
    }

    @Override
    public int reencrypt(FieldCipher cipher, int limit) {
        scope.all();
        int moved = 0;
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "SELECT id, ship_to FROM orders.orders WHERE ship_to NOT LIKE ? LIMIT ? FOR UPDATE SKIP LOCKED");
                PreparedStatement update = c.prepareStatement("UPDATE orders.orders SET ship_to = ? WHERE id = ?")) {
            select.setString(1, cipher.activePrefix() + "%");
            select.setInt(2, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    String context = OrderViews.context(id);
                    update.setString(1, cipher.encrypt(cipher.decrypt(rs.getString(2), context), context));
                    update.setObject(2, id);
                    update.addBatch();
                    moved++;
                }
            }
            update.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot re-encrypt order addresses", e);
        }
        return moved;
    }
}
