package tenancy.internal.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import platform.db.Jdbc;
import tenancy.ClientTerms;

/** Reads the terms other modules price and accept orders by: one indexed read, in the caller's transaction. */
@ApplicationScoped
public class ClientTermsRepository {

    private final Jdbc jdbc;

    ClientTermsRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** How long the client's quotes hold stock, when an operator set it. */
    public Optional<java.time.Duration> quoteHold(UUID clientId) {
        return jdbc.one(
                        "SELECT quote_hold_seconds FROM tenancy.clients WHERE id = ?",
                        rs -> rs.getObject(1) == null ? null : java.time.Duration.ofSeconds(rs.getLong(1)),
                        clientId)
                .filter(java.util.Objects::nonNull);
    }

    public Optional<ClientTerms> find(UUID clientId) {
        return jdbc.one(
                "SELECT currency, credit_limit, discount_percent, status, backorder_policy, allow_partial_shipment"
                        + " FROM tenancy.clients WHERE id = ?",
                rs -> new ClientTerms(
                        clientId,
                        rs.getString(1),
                        rs.getBigDecimal(2),
                        rs.getBigDecimal(3),
                        ClientStatus.parse(rs.getString(4)).orElse(ClientStatus.ACTIVE) != ClientStatus.SUSPENDED,
                        rs.getString(5),
                        rs.getBoolean(6)),
                clientId);
    }
}
