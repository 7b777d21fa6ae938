package inventory.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ListPriceRuleTest {

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void theLineTotalIsTheUnitPriceRoundedHalfEvenTimesTheQuantity() {
        assertThat(ListPriceRule.unitPrice(d("9.80"), d("2.5"))).isEqualByComparingTo("9.56"); // 9.555 half-even
        assertThat(ListPriceRule.lineTotal(d("9.80"), d("2.5"), 1200)).isEqualByComparingTo("11472.00");
        assertThat(ListPriceRule.lineTotal(d("0.03"), d("33.33"), 1_000_000)).isEqualByComparingTo("20000.00");
        assertThat(ListPriceRule.unitPrice(d("0.03"), d("33.33"))).isEqualByComparingTo("0.02");
        assertThat(ListPriceRule.lineTotal(d("9.99"), d("0"), 3)).isEqualByComparingTo("29.97");
        assertThat(ListPriceRule.lineTotal(d("0.05"), d("50"), 1)).isEqualByComparingTo("0.02"); // 0.025 half-even
    }

    @Test
    void aPositiveListPriceNeverBecomesFree() {
        assertThat(ListPriceRule.unitPrice(d("0.01"), d("50"))).isEqualByComparingTo("0.01");
        assertThat(ListPriceRule.lineTotal(d("0.01"), d("50"), 1)).isEqualByComparingTo("0.01");
        assertThat(ListPriceRule.lineTotal(d("0.01"), d("50"), 1_000_000)).isEqualByComparingTo("10000.00");
        assertThat(ListPriceRule.lineTotal(d("0.01"), d("100"), 5)).isEqualByComparingTo("0.05");
        assertThat(ListPriceRule.lineTotal(d("0.00"), d("10"), 5)).isEqualByComparingTo("0.00");
    }
}
