package inventory.internal.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The list price less the client's discount, for one line (SPEC §3.3, docs/pricing.md): the unit price is
 * the list price less the discount, rounded half-even to cents, and the line total is that unit price ×
 * quantity, so {@code lineTotal = unitPrice × quantity} holds on every line. A positive list price never
 * becomes free: the unit price is at least 0.01.
 */
final class ListPriceRule {

    static final BigDecimal CENT = new BigDecimal("0.01");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private ListPriceRule() {}

    /** The unit price shown on the line. */
    static BigDecimal unitPrice(BigDecimal list, BigDecimal discountPercent) {
        return atLeastACent(list, list.multiply(factor(discountPercent)).divide(HUNDRED, 2, RoundingMode.HALF_EVEN));
    }

    /** The line total: the unit price × quantity, exact (no further rounding). */
    static BigDecimal lineTotal(BigDecimal list, BigDecimal discountPercent, long quantity) {
        return unitPrice(list, discountPercent).multiply(BigDecimal.valueOf(quantity));
    }

    private static BigDecimal factor(BigDecimal discountPercent) {
        return HUNDRED.subtract(discountPercent == null ? BigDecimal.ZERO : discountPercent);
    }

    private static BigDecimal atLeastACent(BigDecimal list, BigDecimal amount) {
        return list.signum() > 0 && amount.compareTo(CENT) < 0 ? CENT : amount;
    }
}
