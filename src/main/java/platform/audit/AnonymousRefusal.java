package platform.audit;

/**
 * A request refused for want of a valid token (401), from {@code address}: the audit module counts these
 * per address and records the counts, not one entry each.
 */
public record AnonymousRefusal(String address) {}
