package tenancy;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/** The tenancy module's entry point for other modules: reads of client terms, never entities. */
@ApplicationScoped
public class TenancyApi {

    private final AgroalDataSource dataSource;

    TenancyApi(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The terms of a client, or empty when there is no such client. One indexed read, in the caller's transaction. */
    public Optional<ClientTerms> terms(UUID clientId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT currency, credit_limit, discount_percent, status FROM tenancy.clients WHERE id = ?")) {
            ps.setObject(1, clientId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ClientTerms(
                        clientId,
                        rs.getString(1),
                        rs.getBigDecimal(2),
                        rs.getBigDecimal(3),
                        !"suspended".equals(rs.getString(4))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read client terms", e);
        }
    }
}
