package orders.internal.domain;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * A client's credit exposure (its orders in pending, processing or shipped), changed only by one
 * conditional single-row statement: concurrent orders of one client queue on the row, and the one that
 * would pass the limit finds the condition false.
 */
@ApplicationScoped
public class ExposureRepository {

    private final AgroalDataSource dataSource;

    ExposureRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Adds {@code amount} unless that passes {@code limit}, in one statement (the first order of a client
     * creates its row); empty on success, else the exposure that stood in the way.
     */
    public Optional<BigDecimal> tryAdd(UUID clientId, BigDecimal amount, BigDecimal limit) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO orders.client_exposure AS e (client_id, exposure)
                    SELECT ?, ? WHERE ? <= ?
                    ON CONFLICT (client_id) DO UPDATE SET exposure = e.exposure + EXCLUDED.exposure
                     WHERE e.exposure + EXCLUDED.exposure <= ?
                    RETURNING exposure""")) {
                ps.setObject(1, clientId);
                ps.setBigDecimal(2, amount);
                ps.setBigDecimal(3, amount);
                ps.setBigDecimal(4, limit);
                ps.setBigDecimal(5, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return Optional.empty();
                    }
                }
            }
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT exposure FROM orders.client_exposure WHERE client_id = ?")) {
                ps.setObject(1, clientId);
                try (ResultSet rs = ps.executeQuery()) {
                    return Optional.of(rs.next() ? rs.getBigDecimal(1) : BigDecimal.ZERO.setScale(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check credit exposure", e);
        }
    }

    /** The client's exposure as last committed, without locking its row. */
    public BigDecimal current(UUID clientId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT exposure FROM orders.client_exposure WHERE client_id = ?")) {
            ps.setObject(1, clientId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBigDecimal(1) : BigDecimal.ZERO.setScale(2);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read credit exposure", e);
        }
    }

    /** Takes an order's total off the exposure (cancelled or delivered). */
    public void subtract(UUID clientId, BigDecimal amount) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE orders.client_exposure SET exposure = exposure - ? WHERE client_id = ?")) {
            ps.setBigDecimal(1, amount);
            ps.setObject(2, clientId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update credit exposure", e);
        }
    }
}
