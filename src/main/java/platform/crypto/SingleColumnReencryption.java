package platform.crypto;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Function;

/** Re-encrypts one encrypted column of one table: the common case of {@link EncryptedColumns}. */
public final class SingleColumnReencryption {

    private SingleColumnReencryption() {}

    /**
     * Moves up to {@code limit} values of {@code table.column} (rows keyed by {@code idColumn}) to the
     * active key, locking them with SKIP LOCKED so that instances share the work; returns how many.
     * Table and column names are the caller's constants, never input.
     */
    public static int reencrypt(
            Connection c,
            FieldCipher cipher,
            int limit,
            String table,
            String idColumn,
            String column,
            Function<Object, String> context)
            throws SQLException {
        int moved = 0;
        try (PreparedStatement select = c.prepareStatement("SELECT " + idColumn + ", " + column + " FROM " + table
                        + " WHERE " + column + " NOT LIKE ? LIMIT ? FOR UPDATE SKIP LOCKED");
                PreparedStatement update =
                        c.prepareStatement("UPDATE " + table + " SET " + column + " = ? WHERE " + idColumn + " = ?")) {
            select.setString(1, cipher.activePrefix() + "%");
            select.setInt(2, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Object id = rs.getObject(1);
                    String ctx = context.apply(id);
                    update.setString(1, cipher.encrypt(cipher.decrypt(rs.getString(2), ctx), ctx));
                    update.setObject(2, id);
                    update.addBatch();
                    moved++;
                }
            }
            update.executeBatch();
        }
        return moved;
    }
}
