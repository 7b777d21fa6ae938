package tenancy.internal.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import platform.crypto.EncryptedColumns;
import platform.crypto.FieldCipher;
import platform.db.ColumnReencryption;

/** Re-encrypts tenancy's encrypted columns: client contact e-mail and tax id, signing keys' private halves. */
@ApplicationScoped
public class TenancyEncryptedColumns implements EncryptedColumns {

    private final ColumnReencryption columns;

    TenancyEncryptedColumns(ColumnReencryption columns) {
        this.columns = columns;
    }

    @Override
    public int reencrypt(FieldCipher cipher, int limit) {
        int moved = columns.reencrypt(
                cipher,
                limit,
                "tenancy.clients",
                "id",
                List.of("contact_email", "tax_id"),
                (id, column) -> ClientService.context((java.util.UUID) id, column));
        return moved
                + columns.reencrypt(
                        cipher,
                        Math.max(1, limit - moved),
                        "tenancy.signing_keys",
                        "kid",
                        List.of("private_key"),
                        (kid, column) -> SigningKeys.context((String) kid));
    }
}
