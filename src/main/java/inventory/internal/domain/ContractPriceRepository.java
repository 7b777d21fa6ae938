package inventory.internal.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import platform.db.Jdbc;

/** The contract price of a client for a SKU: a head row (version) and its quantity tiers. */
@ApplicationScoped
public class ContractPriceRepository {

    private final Jdbc jdbc;

    ContractPriceRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The head of a stored price: its version and when it last changed. */
    record Head(long version, OffsetDateTime updatedAt) {}

    /** Replaces the tiers and moves the version on (0 for a new price); returns the new head. */
    Head replace(UUID clientId, String sku, List<PriceTier> tiers) {
        Head head = jdbc.one("""
                        INSERT INTO inventory.contract_prices (client_id, sku, version, updated_at)
                        VALUES (?, ?, 0, clock_timestamp())
                        ON CONFLICT (client_id, sku) DO UPDATE SET version = inventory.contract_prices.version + 1,
                               updated_at = clock_timestamp()
                        RETURNING version, updated_at""", rs -> new Head(rs.getLong(1), rs.getObject(2, OffsetDateTime.class)), clientId, sku)
                .orElseThrow();
        jdbc.update("DELETE FROM inventory.contract_price_tiers WHERE client_id = ? AND sku = ?", clientId, sku);
        jdbc.update(
                """
                INSERT INTO inventory.contract_price_tiers (client_id, sku, min_quantity, unit_price)
                SELECT ?, ?, t.min_quantity, t.unit_price
                  FROM unnest(?::int[], ?::numeric[]) AS t(min_quantity, unit_price)""",
                clientId,
                sku,
                Jdbc.array("integer", tiers.stream().map(PriceTier::minQuantity).toList()),
                Jdbc.array("numeric", tiers.stream().map(PriceTier::unitPrice).toList()));
        return head;
    }

    Optional<Head> head(UUID clientId, String sku) {
        return jdbc.one(
                "SELECT version, updated_at FROM inventory.contract_prices WHERE client_id = ? AND sku = ?",
                rs -> new Head(rs.getLong(1), rs.getObject(2, OffsetDateTime.class)),
                clientId,
                sku);
    }

    List<PriceTier> tiers(UUID clientId, String sku) {
        return jdbc.list("""
                SELECT min_quantity, unit_price FROM inventory.contract_price_tiers
                 WHERE client_id = ? AND sku = ? ORDER BY min_quantity""", rs -> new PriceTier(rs.getInt(1), rs.getBigDecimal(2)), clientId, sku);
    }

    /** Deletes the price; false when there was none. */
    boolean delete(UUID clientId, String sku) {
        jdbc.update("DELETE FROM inventory.contract_price_tiers WHERE client_id = ? AND sku = ?", clientId, sku);
        return jdbc.update("DELETE FROM inventory.contract_prices WHERE client_id = ? AND sku = ?", clientId, sku) > 0;
    }
}
