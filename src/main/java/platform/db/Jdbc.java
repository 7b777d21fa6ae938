package platform.db;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one small JDBC helper of the repositories: binds parameters, maps rows and turns {@link
 * SQLException} into an unchecked failure, on the connection of the current transaction (Agroal hands
 * the enlisted one out again). Set-based statements that need arrays pass {@link #array}.
 */
@ApplicationScoped
public class Jdbc {

    private final AgroalDataSource dataSource;

    Jdbc(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Work on one connection, for what the other methods do not cover (streaming, batches). */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** A SQL array parameter: its PostgreSQL element type and values. */
    public record SqlArray(String elementType, Object[] values) {}

    public static SqlArray array(String elementType, List<?> values) {
        return new SqlArray(elementType, values.toArray());
    }

    /** Every row of a query, mapped. */
    public <T> List<T> list(String sql, Row<T> row, Object... params) {
        return run(c -> {
            try (PreparedStatement ps = prepare(c, sql, params);
                    ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(row.map(rs));
                }
                return rows;
            }
        });
    }

    /** The first row of a query, if any. */
    public <T> Optional<T> one(String sql, Row<T> row, Object... params) {
        return run(c -> {
            try (PreparedStatement ps = prepare(c, sql, params);
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(row.map(rs)) : Optional.empty();
            }
        });
    }

    /** An INSERT, UPDATE or DELETE; returns the rows it touched. */
    public int update(String sql, Object... params) {
        return run(c -> {
            try (PreparedStatement ps = prepare(c, sql, params)) {
                return ps.executeUpdate();
            }
        });
    }

    /** A statement whose result does not matter (a lock, a setting). */
    public void execute(String sql, Object... params) {
        run(c -> {
            try (PreparedStatement ps = prepare(c, sql, params)) {
                return ps.execute();
            }
        });
    }

    /** Runs work on a connection, closed (handed back) afterwards. */
    public <T> T run(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("database statement failed: " + e.getMessage(), e);
        }
    }

    /** Prepares a statement and binds its parameters in order. */
    public static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p instanceof SqlArray a) {
                    ps.setArray(i + 1, c.createArrayOf(a.elementType(), a.values()));
                } else {
                    ps.setObject(i + 1, p);
                }
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }
}
