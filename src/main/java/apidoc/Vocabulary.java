package apidoc;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Named string schemas that members and parameters share, chiefly as the items of arrays
 * ({@code @Schema(type = ARRAY, implementation = Vocabulary.Scope.class)}): generated SDKs get one type
 * for each instead of a loose string. These classes exist for the document only.
 */
public final class Vocabulary {

    private Vocabulary() {}

    /** An OAuth scope (SPEC §3.2). */
    @Schema(
            name = "Scope",
            type = SchemaType.STRING,
            enumeration = {
                "orders:read",
                "orders:write",
                "inventory:read",
                "webhooks:manage",
                "catalog:write",
                "inventory:write",
                "orders:fulfil",
                "clients:admin",
                "audit:read"
            })
    public static final class Scope {
        private Scope() {}
    }

    /** The type of an event in the feed, a webhook delivery and on Kafka. */
    @Schema(
            name = "EventType",
            type = SchemaType.STRING,
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
    public static final class EventType {
        private EventType() {}
    }

    /** A stock-keeping unit. */
    @Schema(name = "Sku", type = SchemaType.STRING, pattern = ApiFormats.SKU, examples = "BOLT-M8")
    public static final class Sku {
        private Sku() {}
    }
}
