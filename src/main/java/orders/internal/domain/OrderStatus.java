package orders.internal.domain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An order's status and the moves it allows: {@code pending → processing → shipped → delivered}, and
 * {@code pending | processing → cancelled}. The wire value is the lower-case name.
 */
public enum OrderStatus {
    PENDING,
    PROCESSING,
    SHIPPED,
    DELIVERED,
    CANCELLED;

    static {
        PENDING.next = EnumSet.of(PROCESSING, CANCELLED);
        PROCESSING.next = EnumSet.of(SHIPPED, CANCELLED);
        SHIPPED.next = EnumSet.of(DELIVERED);
        DELIVERED.next = EnumSet.noneOf(OrderStatus.class);
        CANCELLED.next = EnumSet.noneOf(OrderStatus.class);
    }

    private Set<OrderStatus> next;

    /** Whether an order in this status may move to {@code to}. */
    public boolean canMoveTo(OrderStatus to) {
        return next.contains(to);
    }

    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<OrderStatus> parse(String text) {
        return Arrays.stream(values()).filter(s -> s.value().equals(text)).findFirst();
    }

    /** The wire values, comma-separated, for messages. */
    public static String allowed() {
        return Arrays.stream(values()).map(OrderStatus::value).collect(Collectors.joining(", "));
    }
}
