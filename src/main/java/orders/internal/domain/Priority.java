package orders.internal.domain;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** How urgent a client says an order is; {@code normal} when it says nothing. The wire value is the lower-case name. */
public enum Priority {
    LOW,
    NORMAL,
    HIGH,
    URGENT;

    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<Priority> parse(String text) {
        return Arrays.stream(values()).filter(p -> p.value().equals(text)).findFirst();
    }

    /** The wire values, comma-separated, for messages. */
    public static String allowed() {
        return Arrays.stream(values()).map(Priority::value).collect(Collectors.joining(", "));
    }
}
