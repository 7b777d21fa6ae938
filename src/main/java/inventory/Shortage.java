package inventory;

/** A line that cannot be reserved: how much was asked and how much is available. */
public record Shortage(String sku, long requested, long available) {}
