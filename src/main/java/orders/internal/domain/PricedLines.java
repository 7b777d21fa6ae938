package orders.internal.domain;

import inventory.LinePrice;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import platform.error.FieldError;

/**
 * The priced lines of an order or a quote, as the columns their one-statement inserts take, and their
 * total. Made only when every line is priced and the total fits the tables: an unknown or retired SKU is
 * 422 {@code unknown_sku} (every such line at once), a total beyond numeric(19,2) 422 {@code amount_too_large}.
 */
record PricedLines(
        String[] skus, Long[] quantities, BigDecimal[] unitPrices, BigDecimal[] lineTotals, BigDecimal total) {

    static PricedLines of(List<LinePrice> prices) {
        int n = prices.size();
        String[] skus = new String[n];
        Long[] quantities = new Long[n];
        BigDecimal[] unitPrices = new BigDecimal[n];
        BigDecimal[] lineTotals = new BigDecimal[n];
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        List<FieldError> unknown = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LinePrice price = prices.get(i);
            if (price.status() != LinePrice.Status.PRICED) {
                unknown.add(FieldError.of(
                        "/lines/" + i + "/sku",
                        "unknown_sku",
                        price.status() == LinePrice.Status.RETIRED
                                ? "SKU " + price.sku() + " is retired"
                                : "no product with SKU " + price.sku()));
                continue;
            }
            skus[i] = price.sku();
            quantities[i] = price.quantity();
            unitPrices[i] = price.unitPrice();
            lineTotals[i] = price.lineTotal();
            total = total.add(lineTotals[i]);
        }
        if (!unknown.isEmpty()) {
            throw OrderErrors.unknownSkus(unknown);
        }
        if (total.compareTo(OrderErrors.MAX_AMOUNT) > 0) { // beyond numeric(19,2): refused, never a database error
            throw OrderErrors.amountTooLarge(total);
        }
        return new PricedLines(skus, quantities, unitPrices, lineTotals, total);
    }
}
