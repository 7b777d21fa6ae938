package orders.internal.web;

import java.util.List;
import orders.ShipTo;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shape of {@code POST /v1/orders} for the OpenAPI document. The body itself is read by
 * {@code OrderRequestParser}, which reports every problem at once.
 */
@Schema(name = "CreateOrderRequest")
public record CreateOrderRequest(
        @Schema(description = "the client's PO number, unique per client", maxLength = 100)
        String externalRef,

        @Schema(
                enumeration = {"low", "normal", "high", "urgent"},
                defaultValue = "normal")
        String priority,

        ShipTo shipTo,
        @Schema(maxLength = 2000) String notes,

        @Schema(required = true, minItems = 1, maxItems = 10_000)
        List<Line> lines,

        @Schema(
                enumeration = {"reject", "backorder"},
                description = "lines short of stock: reject the order, or reserve what is there and queue the rest"
                        + " (first come, first served on restock); absent: the client's default (reject unless an"
                        + " operator set backorder)")
        String backorderPolicy,

        @Schema(
                pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
                description = "take every line's stock from this location (GET /v1/locations); absent: the allocator"
                        + " chooses one location that can serve every line, else splits each line by location rank")
        String location) {

    /** One requested line; the price is the server's. */
    @Schema(name = "OrderLineInput")
    public record Line(
            @Schema(required = true, examples = "BOLT-M8") String sku,

            @Schema(required = true, minimum = "1", maximum = "1000000")
            long quantity) {}

    /** The body of {@code POST /v1/orders/batch}. */
    @Schema(name = "OrderBatchRequest")
    public record Batch(
            @Schema(required = true, minItems = 1, maxItems = 1000)
            List<CreateOrderRequest> orders) {}
}
