package inventory.internal.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inventory.StockLevel;
import inventory.events.StockChanged;
import inventory.internal.domain.StockService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import platform.error.DomainException;
import platform.error.ErrorCode;
import platform.outbox.OutboxCommitted;
import platform.outbox.OutboxEvent;
import tenancy.StreamGrant;

/**
 * The stream subscribers (WebSocket, SSE and gRPC watches) of this instance and what each follows. {@link StockChanged}
 * events committed through any instance arrive typed, in {@link OutboxCommitted}, and each is turned into
 * its message once, then handed to every subscriber of its SKU; per connection and SKU only versions
 * newer than the last one sent go out, so messages for one SKU arrive in version order even when events
 * are seen out of order or twice.
 */
@ApplicationScoped
public class StockSubscribers {

    private final ObjectMapper json;
    private final StreamConfig config;
    private final StockService stock;
    private final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();

    StockSubscribers(ObjectMapper json, StreamConfig config, StockService stock, MeterRegistry registry) {
        this.json = json;
        this.config = config;
        this.stock = stock;
        connectionGauge(registry, "websocket", "ws:");
        connectionGauge(registry, "sse", "sse:");
    }

    /**
     * Open stream connections of this instance on /q/metrics, by transport. A stream the client closed is
     * dropped here if no message has found it closed yet.
     */
    private void connectionGauge(MeterRegistry registry, String transport, String idPrefix) {
        Gauge.builder("quartermaster.stream.connections", this, self -> self.open(idPrefix))
                .tag("transport", transport)
                .description("open stock stream connections (WebSocket, SSE) on this instance")
                .register(registry);
    }

    private long open(String idPrefix) {
        subscribers.values().removeIf(s -> !s.channel.open());
        return subscribers.keySet().stream()
                .filter(id -> id.startsWith(idPrefix))
                .count();
    }

    /** Where a subscriber's messages go: a WebSocket connection, a server-sent-events stream or a gRPC watch. */
    public interface Channel {
        String id();

        /** False once the client has gone (a WebSocket is removed when it closes, so it stays true). */
        default boolean open() {
            return true;
        }

        /** Sends one message; a failure closes the subscription. */
        void send(StockMessage message, Runnable onFailure);

        /**
         * Ends the stream with a refusal, the way its transport can say it: a WebSocket closes (1008 with the
         * refusal's detail as reason; 1001 for {@code unavailable}), an SSE stream ends, a gRPC watch ends with the
         * status of the refusal's code ({@code unauthorized} → UNAUTHENTICATED, {@code client_suspended} →
         * PERMISSION_DENIED, {@code unavailable} → UNAVAILABLE). Called under the subscriber's lock, so never
         * while a message is being handed over.
         */
        void end(DomainException refusal);
    }

    /** One stock message, serialised once and shared by every subscriber that gets it. */
    public record StockMessage(String sku, long version, String json) {}

    /** One connection's subscription: its SKUs (or all) and the last version sent per SKU. */
    public static final class Subscriber {
        final Channel channel;
        final StreamGrant grant;
        final Set<String> skus = ConcurrentHashMap.newKeySet();
        final Map<String, Long> sent = new ConcurrentHashMap<>();
        public volatile boolean all;
        /** The subscriber asked for per-location levels ({@code include=locations}, ADR 0052). */
        public volatile boolean locations;

        private double messageTokens = -1;
        private long messageAt;

        Subscriber(Channel channel, StreamGrant grant) {
            this.channel = channel;
            this.grant = grant;
        }

        /** Takes one token of the connection's message bucket; false when the client sends too fast. */
        public synchronized boolean takeMessage(int perMinute) {
            int capacity = Math.max(1, perMinute / 6);
            long now = System.nanoTime();
            if (messageTokens < 0) {
                messageTokens = capacity;
                messageAt = now;
            }
            messageTokens = Math.min(capacity, messageTokens + (now - messageAt) / 60e9 * perMinute);
            messageAt = now;
            if (messageTokens < 1) {
                return false;
            }
            messageTokens -= 1;
            return true;
        }

        public Set<String> skus() {
            return skus;
        }

        public Map<String, Long> sent() {
            return sent;
        }
    }

    public Subscriber open(WebSocketConnection connection, StreamGrant grant) {
        return open(
                new Channel() {
                    @Override
                    public String id() {
                        return "ws:" + connection.id();
                    }

                    @Override
                    public void send(StockMessage message, Runnable onFailure) {
                        connection.sendText(message.json()).subscribe().with(ok -> {}, failure -> onFailure.run());
                    }

                    @Override
                    public void end(DomainException refusal) {
                        int code = refusal.code() == ErrorCode.UNAVAILABLE ? 1001 : 1008;
                        connection
                                .close(new CloseReason(code, refusal.getMessage()))
                                .subscribe()
                                .with(ok -> {}, failure -> {});
                    }
                },
                grant);
    }

    /** Opens a subscription; null when its holder has {@code max-streams-per-client} open already. */
    public synchronized Subscriber open(Channel channel, StreamGrant grant) {
        Subscriber existing = subscribers.get(channel.id());
        if (existing != null) {
            return existing;
        }
        if (grant != null && grant.holder() != null) {
            long open = subscribers.values().stream()
                    .filter(s -> s.grant != null && grant.holder().equals(s.grant.holder()))
                    .count();
            if (open >= config.maxStreamsPerClient()) {
                return null;
            }
        }
        Subscriber subscriber = new Subscriber(channel, grant);
        subscribers.put(channel.id(), subscriber);
        return subscriber;
    }

    public StreamConfig config() {
        return config;
    }

    /** Every open subscription of this instance. */
    java.util.Collection<Subscriber> all() {
        return subscribers.values();
    }

    /** Ends a subscription whose authority ended or that broke a limit, and forgets it. */
    public void end(Subscriber subscriber, DomainException refusal) {
        subscribers.remove(subscriber.channel.id());
        synchronized (subscriber) {
            subscriber.channel.end(refusal);
        }
    }

    public void close(WebSocketConnection connection) {
        subscribers.remove("ws:" + connection.id());
    }

    public void close(Channel channel) {
        subscribers.remove(channel.id());
    }

    /** The subscription of a connection, opened in {@code @OnOpen}; null once it has been ended. */
    public Subscriber of(WebSocketConnection connection) {
        return subscribers.get("ws:" + connection.id());
    }

    /** The message of a stock level with its per-location levels ({@code "locations":[…]}) added. */
    public StockMessage message(StockLevel level, List<Map<String, Object>> locations) {
        ObjectNode message = totals(level);
        message.set("locations", json.valueToTree(locations));
        return new StockMessage(level.sku(), level.version(), message.toString());
    }

    /** The message of a stock level. */
    public StockMessage message(StockLevel level) {
        return new StockMessage(level.sku(), level.version(), totals(level).toString());
    }

    private ObjectNode totals(StockLevel level) {
        ObjectNode message = json.createObjectNode();
        message.put("type", "stock");
        message.put("sku", level.sku());
        message.put("onHand", level.onHand());
        message.put("reserved", level.reserved());
        message.put("held", level.held());
        message.put("available", level.available());
        message.put("version", level.version());
        message.put("at", level.updatedAt().toString());
        return message;
    }

    /** Sends a level to a subscriber unless it already has this version or a newer one. */
    public void send(Subscriber subscriber, StockLevel level) {
        send(subscriber, message(level));
    }

    /**
     * Sends a subscriber its snapshot of these levels: the totals, with each SKU's per-location levels when
     * it asked for them ({@code include=locations}), so that its first message has the shape of every later
     * one.
     */
    public void snapshot(Subscriber subscriber, List<StockLevel> levels) {
        if (!subscriber.locations) {
            levels.forEach(level -> send(subscriber, level));
            return;
        }
        for (StockChanged current : stock.withLocations(levels)) {
            send(subscriber, message(current.level(), current.streamLocations()));
        }
    }

    private void send(Subscriber subscriber, StockMessage message) {
        // decide and hand over under one lock: a snapshot and a pushed change of one SKU can race
        synchronized (subscriber) {
            Long last = subscriber.sent.get(message.sku());
            if (last != null && last >= message.version()) {
                return;
            }
            subscriber.sent.put(message.sku(), message.version());
            subscriber.channel.send(message, () -> close(subscriber.channel));
        }
    }

    void onCommitted(@Observes OutboxCommitted committed) {
        if (subscribers.isEmpty()) {
            return;
        }
        for (OutboxEvent event : committed.events()) {
            if (!(event instanceof StockChanged changed)) {
                continue;
            }
            StockLevel level = changed.level();
            StockMessage message = null;
            StockMessage withLocations = null;
            for (Subscriber subscriber : subscribers.values()) {
                if (subscriber.all || subscriber.skus.contains(level.sku())) {
                    if (subscriber.locations) {
                        withLocations =
                                withLocations == null ? message(level, changed.streamLocations()) : withLocations;
                        send(subscriber, withLocations);
                    } else {
                        message = message == null ? message(level) : message;
                        send(subscriber, message);
                    }
                }
            }
        }
    }
}
