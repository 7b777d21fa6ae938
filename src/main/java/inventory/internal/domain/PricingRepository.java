package inventory.internal.domain;

import inventory.LinePrice;
import inventory.StockRequest;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Prices any number of order lines for one client in one query: list price and activity from the
 * catalog, and the best contract tier (greatest {@code min_quantity} not above the quantity) per line.
 */
@ApplicationScoped
public class PricingRepository {

    private static final String PRICE = """
            SELECT l.sku, l.qty, p.active, p.unit_price,
                   (SELECT t.unit_price FROM inventory.contract_price_tiers t
                     WHERE t.client_id = ? AND t.sku = l.sku AND t.min_quantity <= l.qty
                     ORDER BY t.min_quantity DESC LIMIT 1) AS contract_price
              FROM unnest(?::text[], ?::bigint[]) WITH ORDINALITY AS l(sku, qty, ord)
              LEFT JOIN inventory.products p ON p.sku = l.sku
             ORDER BY l.ord""";

    private final AgroalDataSource dataSource;

    PricingRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<LinePrice> price(UUID clientId, BigDecimal discountPercent, List<StockRequest> lines) {
        String[] skus = lines.stream().map(StockRequest::sku).toArray(String[]::new);
        Long[] quantities = lines.stream().map(StockRequest::quantity).toArray(Long[]::new);
        List<LinePrice> prices = new ArrayList<>(lines.size());
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(PRICE)) {
            ps.setObject(1, clientId);
            ps.setArray(2, c.createArrayOf("text", skus));
            ps.setArray(3, c.createArrayOf("bigint", quantities));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String sku = rs.getString(1);
                    long quantity = rs.getLong(2);
                    BigDecimal list = rs.getBigDecimal(4);
                    if (list == null) {
                        prices.add(new LinePrice(sku, quantity, LinePrice.Status.UNKNOWN, null, null));
                    } else if (!rs.getBoolean(3)) {
                        prices.add(new LinePrice(sku, quantity, LinePrice.Status.RETIRED, null, null));
                    } else {
                        BigDecimal contract = rs.getBigDecimal(5);
                        BigDecimal unit = contract != null ? contract : ListPriceRule.unitPrice(list, discountPercent);
                        BigDecimal lineTotal = contract != null
                                ? contract.multiply(BigDecimal.valueOf(quantity))
                                : ListPriceRule.lineTotal(list, discountPercent, quantity);
                        prices.add(new LinePrice(sku, quantity, LinePrice.Status.PRICED, unit, lineTotal));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot price lines", e);
        }
        return prices;
    }
}
