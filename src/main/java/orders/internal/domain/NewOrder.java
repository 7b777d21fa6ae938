package orders.internal.domain;

import java.util.List;
import orders.ShipTo;

/** A validated order request. The client, prices and status are the server's to set. */
public record NewOrder(String externalRef, String priority, ShipTo shipTo, String notes, List<Line> lines) {

    /** One requested line. */
    public record Line(String sku, long quantity) {}
}
