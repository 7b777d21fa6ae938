package inventory.internal.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The list price less the client's discount, for one line (docs/pricing.md): the line total is rounded
 * once, half-even to cents, from the exact list price × quantity × (1 − discount); the unit price shown is
 * rounded the same way. A positive list price never becomes free: at least 0.01 per unit shown and per line.
 */
final class ListPriceRule {

    static final BigDecimal CENT = new BigDecimal("0.01");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private ListPriceRule() {}

    /** The unit price shown on the line. */
    static BigDecimal unitPrice(BigDecimal list, BigDecimal discountPercent) {
        return atLeastACent(list, list.multiply(factor(discountPercent)).divide(HUNDRED, 2, RoundingMode.HALF_EVEN));
    }

    /** The line total, rounded once. */
    static BigDecimal lineTotal(BigDecimal list, BigDecimal discountPercent, long quantity) {
        BigDecimal exact = list.multiply(BigDecimal.valueOf(quantity)).multiply(factor(discountPercent));
        return atLeastACent(list, exact.divide(HUNDRED, 2, RoundingMode.HALF_EVEN));
    }

    private static BigDecimal factor(BigDecimal discountPercent) {
        return HUNDRED.subtract(discountPercent == null ? BigDecimal.ZERO : discountPercent);
    }

    private static BigDecimal atLeastACent(BigDecimal list, BigDecimal amount) {
        return list.signum() > 0 && amount.compareTo(CENT) < 0 ? CENT : amount;
    }
}
