package orders.internal.domain;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import platform.crypto.EncryptedColumns;
import platform.crypto.FieldCipher;
import platform.crypto.SingleColumnReencryption;

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
        try (Connection c = dataSource.getConnection()) {
            return SingleColumnReencryption.reencrypt(
                    c, cipher, limit, "orders.orders", "id", "ship_to", id -> OrderViews.context((UUID) id));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot re-encrypt order addresses", e);
        }
    }
}
