package platform.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void parsesAmountsWithAtMostTwoFractionDigits() {
        assertThat(Money.parse("1234.5")).contains(new BigDecimal("1234.50"));
        assertThat(Money.parse("0")).contains(new BigDecimal("0.00"));
        assertThat(Money.parse("12.345")).isEmpty();
        assertThat(Money.parse("1e3")).isEmpty();
        assertThat(Money.parse("01.00")).isEmpty();
        assertThat(Money.parse(" 1.00")).isEmpty();
        assertThat(Money.parse(null)).isEmpty();
    }

    @Test
    void formatsWithTwoFractionDigits() {
        assertThat(Money.format(new BigDecimal("9.1"))).isEqualTo("9.10");
        assertThat(Money.format(new BigDecimal("1E+3"))).isEqualTo("1000.00");
    }
}
