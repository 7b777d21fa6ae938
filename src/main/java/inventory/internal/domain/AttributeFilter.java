package inventory.internal.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import platform.error.DomainException;

/**
 * One attribute a product must have: {@code key} equal to {@code value}, exactly. The value is text; it also
 * matches a JSON number or boolean whose literal it is ({@code "8"} matches {@code 8} and {@code "8"},
 * {@code "true"} matches {@code true} and {@code "true"}). Checked in SQL by jsonb containment.
 */
public record AttributeFilter(String key, String value) {

    /** At most this many pairs in one filter. */
    public static final int MAX_PAIRS = 20;

    static final int MAX_KEY = 100;
    static final int MAX_VALUE = 1000;

    private static final Pattern NUMBER =
            Pattern.compile("-?(0|[1-9][0-9]{0,30})(\\.[0-9]{1,30})?([eE][+-]?[0-9]{1,3})?");

    /** Checks a list of pairs (null means none): each key once, no empty key, no NUL, bounded lengths. */
    public static List<AttributeFilter> checked(List<AttributeFilter> pairs) {
        if (pairs == null) {
            return List.of();
        }
        if (pairs.size() > MAX_PAIRS) {
            throw DomainException.invalid("attributes", "name at most " + MAX_PAIRS + " attributes");
        }
        Set<String> keys = new HashSet<>();
        for (AttributeFilter pair : pairs) {
            if (pair == null || pair.key() == null || pair.value() == null) {
                throw DomainException.invalid("attributes", "every attribute needs a key and a value");
            }
            if (pair.key().isBlank() || pair.key().length() > MAX_KEY) {
                throw DomainException.invalid("attributes", "an attribute key has 1 to " + MAX_KEY + " characters");
            }
            if (pair.value().length() > MAX_VALUE) {
                throw DomainException.invalid(
                        "attributes", "an attribute value has at most " + MAX_VALUE + " characters");
            }
            if (pair.key().indexOf('\0') >= 0 || pair.value().indexOf('\0') >= 0) {
                throw DomainException.invalid("attributes", "an attribute may not contain the NUL character");
            }
            if (!keys.add(pair.key())) {
                throw DomainException.invalid("attributes", "the attribute '" + pair.key() + "' is named twice");
            }
        }
        return List.copyOf(pairs);
    }

    /** The JSON values this pair matches: the text itself, and the number or boolean it spells, if any. */
    List<Object> candidates() {
        List<Object> out = new ArrayList<>(2);
        out.add(value);
        if (value.equals("true") || value.equals("false")) {
            out.add(Boolean.valueOf(value));
        } else if (NUMBER.matcher(value).matches()) {
            out.add(new BigDecimal(value));
        }
        return out;
    }
}
