package orders.internal.domain;

/**
 * What an order does with lines short of stock (ADR 0047): {@code reject} refuses the whole order (the
 * default, as before backorders existed); {@code backorder} reserves what is there and queues the rest.
 */
public final class BackorderPolicy {

    public static final String REJECT = "reject";
    public static final String BACKORDER = "backorder";

    private BackorderPolicy() {}

    public static boolean isKnown(String value) {
        return REJECT.equals(value) || BACKORDER.equals(value);
    }

    public static String allowed() {
        return REJECT + ", " + BACKORDER;
    }
}
