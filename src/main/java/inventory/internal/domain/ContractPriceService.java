package inventory.internal.domain;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import platform.error.DomainException;
import platform.error.ErrorCode;
import platform.money.Money;
import tenancy.TenancyApi;

/** Contract prices: a client's quantity tiers for a SKU, replaced as a whole by each PUT. */
@ApplicationScoped
public class ContractPriceService {

    private static final String UPSERT_HEAD = """
            INSERT INTO inventory.contract_prices (client_id, sku, version, updated_at) VALUES (?, ?, 0, clock_timestamp())
            ON CONFLICT (client_id, sku) DO UPDATE SET version = inventory.contract_prices.version + 1,
                   updated_at = clock_timestamp()
            RETURNING version, updated_at""";

    private final AgroalDataSource dataSource;
    private final TenancyApi tenancy;

    ContractPriceService(AgroalDataSource dataSource, TenancyApi tenancy) {
        this.dataSource = dataSource;
        this.tenancy = tenancy;
    }

    @Transactional
    public ContractPriceView put(UUID clientId, String sku, List<PriceTier> tiers) {
        requireClientAndProduct(clientId, sku);
        try (Connection c = dataSource.getConnection()) {
            long version;
            OffsetDateTime updatedAt;
            try (PreparedStatement ps = c.prepareStatement(UPSERT_HEAD)) {
                ps.setObject(1, clientId);
                ps.setString(2, sku);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    version = rs.getLong(1);
                    updatedAt = rs.getObject(2, OffsetDateTime.class);
                }
            }
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM inventory.contract_price_tiers WHERE client_id = ? AND sku = ?")) {
                ps.setObject(1, clientId);
                ps.setString(2, sku);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO inventory.contract_price_tiers (client_id, sku, min_quantity, unit_price)
                    SELECT ?, ?, t.min_quantity, t.unit_price FROM unnest(?::int[], ?::numeric[]) AS t(min_quantity, unit_price)""")) {
                ps.setObject(1, clientId);
                ps.setString(2, sku);
                ps.setArray(
                        3,
                        c.createArrayOf(
                                "integer",
                                tiers.stream().map(PriceTier::minQuantity).toArray()));
                ps.setArray(
                        4,
                        c.createArrayOf(
                                "numeric",
                                tiers.stream().map(PriceTier::unitPrice).toArray()));
                ps.executeUpdate();
            }
            return view(clientId, sku, tiers, version, updatedAt);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the contract price", e);
        }
    }

    @Transactional
    public ContractPriceView get(UUID clientId, String sku) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement head = c.prepareStatement(
                        "SELECT version, updated_at FROM inventory.contract_prices WHERE client_id = ? AND sku = ?");
                PreparedStatement rows = c.prepareStatement("""
                        SELECT min_quantity, unit_price FROM inventory.contract_price_tiers
                         WHERE client_id = ? AND sku = ? ORDER BY min_quantity""")) {
            head.setObject(1, clientId);
            head.setString(2, sku);
            long version;
            OffsetDateTime updatedAt;
            try (ResultSet rs = head.executeQuery()) {
                if (!rs.next()) {
                    throw new DomainException(ErrorCode.NOT_FOUND, "No contract price for this client and SKU");
                }
                version = rs.getLong(1);
                updatedAt = rs.getObject(2, OffsetDateTime.class);
            }
            rows.setObject(1, clientId);
            rows.setString(2, sku);
            List<PriceTier> tiers = new ArrayList<>();
            try (ResultSet rs = rows.executeQuery()) {
                while (rs.next()) {
                    tiers.add(new PriceTier(rs.getInt(1), rs.getBigDecimal(2)));
                }
            }
            return view(clientId, sku, tiers, version, updatedAt);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the contract price", e);
        }
    }

    @Transactional
    public void delete(UUID clientId, String sku) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement tiers = c.prepareStatement(
                        "DELETE FROM inventory.contract_price_tiers WHERE client_id = ? AND sku = ?");
                PreparedStatement head =
                        c.prepareStatement("DELETE FROM inventory.contract_prices WHERE client_id = ? AND sku = ?")) {
            tiers.setObject(1, clientId);
            tiers.setString(2, sku);
            tiers.executeUpdate();
            head.setObject(1, clientId);
            head.setString(2, sku);
            if (head.executeUpdate() == 0) {
                throw new DomainException(ErrorCode.NOT_FOUND, "No contract price for this client and SKU");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete the contract price", e);
        }
    }

    private void requireClientAndProduct(UUID clientId, String sku) {
        if (tenancy.terms(clientId).isEmpty()) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No client " + clientId);
        }
        if (ProductEntity.count("sku", sku) == 0) {
            throw InventoryErrors.productNotFound(sku);
        }
    }

    private static ContractPriceView view(
            UUID clientId, String sku, List<PriceTier> tiers, long version, OffsetDateTime updatedAt) {
        List<ContractPriceView.Tier> shown = tiers.stream()
                .sorted(java.util.Comparator.comparingInt(PriceTier::minQuantity))
                .map(t -> new ContractPriceView.Tier(t.minQuantity(), Money.format(t.unitPrice())))
                .toList();
        return new ContractPriceView(clientId, sku, shown, version, updatedAt.toInstant());
    }
}
