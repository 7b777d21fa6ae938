package inventory.internal.domain;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL on inventory.locations (ADR 0052). */
@ApplicationScoped
public class LocationRepository {

    private static final String COLUMNS = "code, name, rank, active, version, created_at, updated_at, id";

    private final AgroalDataSource dataSource;

    LocationRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A location row with its keyset id and the idempotency record of its creation. */
    public record Row(LocationView view, UUID id, String idempotencyKey, byte[] requestHash) {}

    /** Inserts unless the code or the idempotency key is taken; true when inserted. */
    public boolean insert(String code, String name, int rank, boolean active, String key, byte[] hash) {
        String sql = """
                INSERT INTO inventory.locations (code, name, rank, active, idempotency_key, request_hash, created_at,
                                                 updated_at)
                VALUES (?, ?, ?, ?, ?, ?, date_trunc('milliseconds', clock_timestamp()),
                        date_trunc('milliseconds', clock_timestamp()))
                ON CONFLICT DO NOTHING""";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, code);
            ps.setString(2, name);
            ps.setInt(3, rank);
            ps.setBoolean(4, active);
            ps.setString(5, key);
            ps.setBytes(6, hash);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create location", e);
        }
    }

    public Optional<Row> find(String code) {
        return one(
                "SELECT " + COLUMNS + ", idempotency_key, request_hash FROM inventory.locations WHERE code = ?", code);
    }

    /** Clears an idempotency key from the location it created, if that was longer ago than {@code retention}. */
    public void forgetKeyCreatedBefore(String key, Duration retention) {
        String sql = """
                UPDATE inventory.locations SET idempotency_key = NULL, request_hash = NULL
                 WHERE idempotency_key = ? AND created_at < clock_timestamp() - make_interval(secs => ?)""";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            ps.setDouble(2, retention.toMillis() / 1000.0);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot expire an idempotency key", e);
        }
    }

    public Optional<Row> findByKey(String key) {
        return one(
                "SELECT " + COLUMNS
                        + ", idempotency_key, request_hash FROM inventory.locations WHERE idempotency_key = ?",
                key);
    }

    /** Locks a location's row for an update. */
    public Optional<Row> lock(String code) {
        return one(
                "SELECT " + COLUMNS
                        + ", idempotency_key, request_hash FROM inventory.locations WHERE code = ? FOR UPDATE",
                code);
    }

    public LocationView update(String code, String name, int rank, boolean active) {
        String sql = "UPDATE inventory.locations SET name = ?, rank = ?, active = ?, version = version + 1,"
                + " updated_at = date_trunc('milliseconds', clock_timestamp()) WHERE code = ? RETURNING " + COLUMNS
                + ", idempotency_key, request_hash";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            ps.setInt(2, rank);
            ps.setBoolean(3, active);
            ps.setString(4, code);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return row(rs).view();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update location", e);
        }
    }

    /** One page in keyset order (created_at, id); limit + 1 rows. */
    public List<Row> page(Instant afterCreatedAt, UUID afterId, int limit) {
        String sql = "SELECT " + COLUMNS + ", idempotency_key, request_hash FROM inventory.locations"
                + (afterCreatedAt == null ? "" : " WHERE (created_at, id) > (?, ?)")
                + " ORDER BY created_at, id LIMIT ?";
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (afterCreatedAt != null) {
                ps.setObject(i++, OffsetDateTime.ofInstant(afterCreatedAt, ZoneOffset.UTC));
                ps.setObject(i++, afterId);
            }
            ps.setInt(i, limit + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list locations", e);
        }
        return rows;
    }

    private Optional<Row> one(String sql, String param) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read location", e);
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        byte[] hash = rs.getBytes(10);
        return new Row(
                new LocationView(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getBoolean(4),
                        rs.getLong(5),
                        rs.getObject(6, OffsetDateTime.class).toInstant(),
                        rs.getObject(7, OffsetDateTime.class).toInstant()),
                rs.getObject(8, UUID.class),
                rs.getString(9),
                hash == null ? null : Arrays.copyOf(hash, hash.length));
    }
}
