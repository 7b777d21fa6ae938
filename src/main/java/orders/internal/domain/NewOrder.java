package orders.internal.domain;

import java.util.List;
import orders.ShipTo;

/**
 * A validated order request. The client, prices and status are the server's to set; {@code backorderPolicy}
 * is null when the request names none (the client's default applies); {@code location} is null when the
 * allocator chooses where the stock comes from (ADR 0052).
 */
public record NewOrder(
        String externalRef,
        String priority,
        ShipTo shipTo,
        String notes,
        List<Line> lines,
        String backorderPolicy,
        String location) {

    public NewOrder(String externalRef, String priority, ShipTo shipTo, String notes, List<Line> lines) {
        this(externalRef, priority, shipTo, notes, lines, null, null);
    }

    public NewOrder(
            String externalRef,
            String priority,
            ShipTo shipTo,
            String notes,
            List<Line> lines,
            String backorderPolicy) {
        this(externalRef, priority, shipTo, notes, lines, backorderPolicy, null);
    }

    /** One requested line. */
    public record Line(String sku, long quantity) {}
}
