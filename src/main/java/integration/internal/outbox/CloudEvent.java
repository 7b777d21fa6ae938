package integration.internal.outbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A CloudEvents 1.0 event in structured JSON mode, with the {@code tenantid} extension where it belongs
 * to a client and the {@code traceparent} extension where the trace context is known.
 */
@Schema(
        name = "CloudEvent",
        requiredProperties = {"specversion", "id", "source", "type", "time", "data"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(
        @Schema(enumeration = "1.0") String specversion,

        @Schema(format = "uuid", description = "unique per event; consumers deduplicate on it")
        String id,

        String source,

        @Schema(
                enumeration = {
                    "order.created",
                    "order.status_changed",
                    "order.allocation_changed",
                    "inventory.stock_changed",
                    "quote.created",
                    "quote.accepted",
                    "quote.cancelled",
                    "quote.expired",
                    "shipment.created",
                    "shipment.delivered"
                })
        String type,

        @Schema(description = "the order id (also of shipment events), the quote id or the SKU")
        String subject,

        Instant time,
        String datacontenttype,

        @Schema(format = "uuid", description = "the client the event belongs to; absent for stock events")
        String tenantid,

        @Schema(description = "W3C trace context of the request that caused the event, when known")
        String traceparent,

        @Schema(
                type = SchemaType.OBJECT,
                implementation = Map.class,
                description =
                        "what the type names, as the API shows it: the Order, the StockLevel, the Quote, the Shipment,"
                                + " or for order.allocation_changed the lines that received units (docs/events.md)")
        JsonNode data) {}
