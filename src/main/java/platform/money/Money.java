package platform.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Money travels as a JSON string holding a decimal with at most two fraction digits ({@code "1234.50"});
 * it is never a binary floating-point number.
 */
public final class Money {

    private static final Pattern AMOUNT = Pattern.compile("^-?(0|[1-9][0-9]{0,14})(\\.[0-9]{1,2})?$");

    private Money() {}

    /** Parses an amount, or empty when the text is not a valid money string. */
    public static Optional<BigDecimal> parse(String text) {
        if (text == null || !AMOUNT.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(text).setScale(2, RoundingMode.UNNECESSARY));
    }

    public static String format(BigDecimal amount) {
        return amount == null
                ? null
                : amount.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
