package inventory.internal.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inventory.StockLevel;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import platform.events.CloudEvent;
import platform.events.OutboxCommitted;

/**
 * The WebSocket subscribers of this instance and what each follows. Stock events committed through any
 * instance arrive through the outbox listener and are pushed to every subscriber of their SKU; per
 * connection and SKU only versions newer than the last one sent go out, so messages for one SKU arrive
 * in version order even when events are seen out of order or twice.
 */
@ApplicationScoped
public class StockSubscribers {

    static final String STOCK_CHANGED = "inventory.stock_changed";

    private final ObjectMapper json;
    private final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();

    StockSubscribers(ObjectMapper json) {
        this.json = json;
    }

    /** Where a subscriber's messages go: a WebSocket connection or a server-sent-events stream. */
    public interface Channel {
        String id();

        /** Sends one message; a failure closes the subscription. */
        void send(String message, Runnable onFailure);
    }

    /** One connection's subscription: its SKUs (or all) and the last version sent per SKU. */
    public static final class Subscriber {
        final Channel channel;
        final Set<String> skus = ConcurrentHashMap.newKeySet();
        final Map<String, Long> sent = new ConcurrentHashMap<>();
        public volatile boolean all;

        Subscriber(Channel channel) {
            this.channel = channel;
        }

        public Set<String> skus() {
            return skus;
        }

        public Map<String, Long> sent() {
            return sent;
        }
    }

    public Subscriber open(WebSocketConnection connection) {
        return open(new Channel() {
            @Override
            public String id() {
                return "ws:" + connection.id();
            }

            @Override
            public void send(String message, Runnable onFailure) {
                connection.sendText(message).subscribe().with(ok -> {}, failure -> onFailure.run());
            }
        });
    }

    public Subscriber open(Channel channel) {
        return subscribers.computeIfAbsent(channel.id(), id -> new Subscriber(channel));
    }

    public void close(WebSocketConnection connection) {
        subscribers.remove("ws:" + connection.id());
    }

    public void close(Channel channel) {
        subscribers.remove(channel.id());
    }

    public Subscriber of(WebSocketConnection connection) {
        return open(connection);
    }

    /** The JSON of a stock message. */
    public String message(StockLevel level) {
        ObjectNode message = json.createObjectNode();
        message.put("type", "stock");
        message.put("sku", level.sku());
        message.put("onHand", level.onHand());
        message.put("reserved", level.reserved());
        message.put("available", level.available());
        message.put("version", level.version());
        message.put("at", level.updatedAt().toString());
        return message.toString();
    }

    /** Sends a level to a subscriber unless it already has this version or a newer one. */
    public void send(Subscriber subscriber, StockLevel level) {
        // decide and hand over under one lock: a snapshot and a pushed change of one SKU can race
        synchronized (subscriber) {
            Long last = subscriber.sent.get(level.sku());
            if (last != null && last >= level.version()) {
                return;
            }
            subscriber.sent.put(level.sku(), level.version());
            subscriber.channel.send(message(level), () -> close(subscriber.channel));
        }
    }

    void onCommitted(@Observes OutboxCommitted committed) {
        if (subscribers.isEmpty()) {
            return;
        }
        for (CloudEvent event : committed.events()) {
            if (!STOCK_CHANGED.equals(event.type())) {
                continue;
            }
            StockLevel level = level(event.data());
            for (Subscriber subscriber : subscribers.values()) {
                if (subscriber.all || subscriber.skus.contains(level.sku())) {
                    send(subscriber, level);
                }
            }
        }
    }

    private static StockLevel level(JsonNode data) {
        return StockLevel.of(
                data.get("sku").asText(),
                data.get("onHand").asLong(),
                data.get("reserved").asLong(),
                data.get("version").asLong(),
                java.time.Instant.parse(data.get("updatedAt").asText()));
    }
}
