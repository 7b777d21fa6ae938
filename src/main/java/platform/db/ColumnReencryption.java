package platform.db;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.function.BiFunction;
import platform.crypto.FieldCipher;

/**
 * Re-encrypts encrypted columns of one table under the active key: what every {@link
 * platform.crypto.EncryptedColumns} of a module asks for, written once.
 */
@ApplicationScoped
public class ColumnReencryption {

    private final Jdbc jdbc;

    ColumnReencryption(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Moves up to {@code limit} rows of {@code table} (keyed by {@code idColumn}) whose {@code columns} are
     * not all under the active key, locking them with SKIP LOCKED so that instances share the work;
     * returns how many rows. {@code context} gives the encryption context of (row id, column). Table and
     * column names are the caller's constants, never input.
     */
    public int reencrypt(
            FieldCipher cipher,
            int limit,
            String table,
            String idColumn,
            List<String> columns,
            BiFunction<Object, String, String> context) {
        String stale =
                String.join(" OR ", columns.stream().map(c -> c + " NOT LIKE ?").toList());
        String select = "SELECT " + idColumn + ", " + String.join(", ", columns) + " FROM " + table + " WHERE " + stale
                + " LIMIT ? FOR UPDATE SKIP LOCKED";
        String update = "UPDATE " + table + " SET "
                + String.join(", ", columns.stream().map(c -> c + " = ?").toList()) + " WHERE " + idColumn + " = ?";
        return jdbc.run(c -> {
            int moved = 0;
            try (PreparedStatement ps = c.prepareStatement(select);
                    PreparedStatement write = c.prepareStatement(update)) {
                int i = 1;
                for (int k = 0; k < columns.size(); k++) {
                    ps.setString(i++, cipher.activePrefix() + "%");
                }
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Object id = rs.getObject(1);
                        for (int k = 0; k < columns.size(); k++) {
                            String stored = rs.getString(k + 2);
                            String ctx = context.apply(id, columns.get(k));
                            write.setString(
                                    k + 1,
                                    stored == null || !cipher.needsRotation(stored)
                                            ? stored
                                            : cipher.encrypt(cipher.decrypt(stored, ctx), ctx));
                        }
                        write.setObject(columns.size() + 1, id);
                        write.addBatch();
                        moved++;
                    }
                }
                write.executeBatch();
            }
            return moved;
        });
    }
}
