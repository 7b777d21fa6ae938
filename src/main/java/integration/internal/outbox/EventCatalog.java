package integration.internal.outbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import inventory.events.StockChanged;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import orders.OrderView;
import orders.QuoteView;
import orders.ShipmentView;
import orders.events.OrderAllocationChanged;
import orders.events.OrderCreated;
import orders.events.OrderStatusChanged;
import orders.events.QuoteEvent;
import orders.events.ShipmentEvent;
import org.jboss.logging.Logger;
import platform.outbox.OutboxEvent;

/**
 * The event types that leave the process, and how a stored row becomes its typed record again. A new
 * event of a module is one line here; the feed and webhooks accept exactly these types.
 */
@ApplicationScoped
public class EventCatalog {

    private static final Logger LOG = Logger.getLogger(EventCatalog.class);

    @FunctionalInterface
    private interface Decoder {
        OutboxEvent decode(OutboxRecord row) throws IOException;
    }

    private final Map<String, Decoder> decoders = new LinkedHashMap<>();

    EventCatalog(ObjectMapper json) {
        // newer writers may add members that this instance does not know yet (rolling deployments)
        ObjectMapper reader = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        decoders.put(
                OrderCreated.TYPE, row -> new OrderCreated(reader.readValue(row.data(), OrderView.class), row.time()));
        decoders.put(
                OrderStatusChanged.TYPE,
                row -> new OrderStatusChanged(reader.readValue(row.data(), OrderView.class), row.time()));
        decoders.put(
                OrderAllocationChanged.TYPE,
                row -> new OrderAllocationChanged(
                        reader.readValue(row.data(), OrderAllocationChanged.Allocation.class), row.time()));
        for (String type :
                java.util.List.of(QuoteEvent.CREATED, QuoteEvent.ACCEPTED, QuoteEvent.CANCELLED, QuoteEvent.EXPIRED)) {
            decoders.put(type, row -> new QuoteEvent(type, reader.readValue(row.data(), QuoteView.class), row.time()));
        }
        for (String type : java.util.List.of(ShipmentEvent.CREATED, ShipmentEvent.DELIVERED)) {
            decoders.put(
                    type, row -> new ShipmentEvent(type, reader.readValue(row.data(), ShipmentView.class), row.time()));
        }
        decoders.put(
                StockChanged.TYPE,
                row -> StockChanged.decoded(reader.readValue(row.data(), StockChanged.Data.class), row.time()));
    }

    /** Every type, in a stable order. */
    public List<String> types() {
        return List.copyOf(decoders.keySet());
    }

    public boolean knows(String type) {
        return decoders.containsKey(type);
    }

    /** The typed event of a row; empty (and logged) for a type or shape this instance cannot read. */
    public Optional<OutboxEvent> decode(OutboxRecord row) {
        Decoder decoder = decoders.get(row.type());
        if (decoder == null) {
            LOG.warnf("outbox row %s has the unknown type %s; not passed on in-process", row.id(), row.type());
            return Optional.empty();
        }
        try {
            return Optional.of(decoder.decode(row));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("outbox row %s (%s) cannot be read: %s", row.id(), row.type(), e.getMessage());
            return Optional.empty();
        }
    }
}
