package orders.internal.domain;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * Names, for the current transaction, whose rows the row-level security policies let through: one
 * tenant, or all ({@code *}) for operators and background work. Without it a transaction sees no
 * tenant-owned row at all, so a forgotten filter fails closed.
 */
@ApplicationScoped
public class TenantScopeRepository {

    /**
     * The expression that scopes the transaction to the tenant bound to its one placeholder, for a
     * repository that scopes in the same round trip as its first statement (it must not read a
     * tenant-owned table in that statement: the policies would see the scope from before).
     */
    public static final String SET_TENANT = "set_config('quartermaster.tenant', ?, true)";

    private final AgroalDataSource dataSource;

    TenantScopeRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Only this tenant's rows for the rest of the transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void tenant(UUID tenant) {
        apply(tenant.toString());
    }

    /** Every tenant's rows for the rest of the transaction (operators, background work). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void all() {
        apply("*");
    }

    /** The tenant's rows when there is one, else everyone's. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void of(Optional<UUID> tenant) {
        apply(tenant.map(UUID::toString).orElse("*"));
    }

    /**
     * Runs {@code work} seeing every tenant's rows, then puts back the scope the transaction had: for work
     * a transaction does on behalf of others (a restock or a client's cancel allocating to other clients'
     * backorders).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> T widened(java.util.function.Supplier<T> work) {
        String before;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT current_setting('quartermaster.tenant', true)");
                java.sql.ResultSet rs = ps.executeQuery()) {
            rs.next();
            before = rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the transaction's tenant scope", e);
        }
        apply("*");
        try {
            return work.get();
        } finally {
            apply(before == null ? "" : before);
        }
    }

    private void apply(String value) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + SET_TENANT)) {
            ps.setString(1, value);
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot scope the transaction to a tenant", e);
        }
    }
}
