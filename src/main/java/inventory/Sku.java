package inventory;

import java.util.regex.Pattern;

/** A stock-keeping unit's code: 1 to 64 letters, digits, {@code .}, {@code _} or {@code -}, starting with a letter or digit. */
public record Sku(String value) {

    /** The pattern every SKU matches (SPEC §4.1), for Bean Validation and for parsers. */
    public static final String PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    public Sku {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a SKU: " + value);
        }
    }

    public static boolean isValid(String text) {
        return text != null && COMPILED.matcher(text).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
