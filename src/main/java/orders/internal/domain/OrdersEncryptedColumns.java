package orders.internal.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import platform.crypto.EncryptedColumns;
import platform.crypto.FieldCipher;
import platform.db.ColumnReencryption;

/** Re-encrypts the orders' shipping addresses. */
@ApplicationScoped
public class OrdersEncryptedColumns implements EncryptedColumns {

    private final ColumnReencryption columns;
    private final TenantScopeRepository scope;

    OrdersEncryptedColumns(ColumnReencryption columns, TenantScopeRepository scope) {
        this.columns = columns;
        this.scope = scope;
    }

    @Override
    public int reencrypt(FieldCipher cipher, int limit) {
        scope.all();
        return columns.reencrypt(
                cipher,
                limit,
                "orders.orders",
                "id",
                List.of("ship_to"),
                (id, column) -> OrderViews.context((UUID) id));
    }
}
