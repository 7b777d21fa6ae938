package inventory.internal.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inventory.Sku;
import inventory.StockLevel;
import inventory.internal.domain.StockService;
import inventory.internal.messaging.StockSubscribers;
import inventory.internal.messaging.StreamConfig;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import platform.page.Page;
import platform.page.PageRequest;
import tenancy.Scopes;
import tenancy.TenancyApi;

/**
 * {@code GET /v1/inventory/stream} as a WebSocket: the client sends {@code {"subscribe":[…]}} (or
 * {@code ["*"]}), optionally with {@code sinceVersion}, gets a snapshot per SKU (skipped for a SKU it is
 * already up to date on), then a message per change. The bearer token may come as a header or, for
 * browsers, as {@code ?access_token=}. The connection closes with 1008 when the token expires or its
 * credential loses its standing ({@link inventory.internal.messaging.StreamGuard}).
 */
@WebSocket(path = "/v1/inventory/stream")
@RolesAllowed(Scopes.INVENTORY_READ)
public class StockStream {

    private final StockSubscribers subscribers;
    private final StockService stock;
    private final ObjectMapper json;
    private final SecurityIdentity identity;
    private final TenancyApi tenancy;

    StockStream(
            StockSubscribers subscribers,
            StockService stock,
            ObjectMapper json,
            SecurityIdentity identity,
            TenancyApi tenancy) {
        this.subscribers = subscribers;
        this.stock = stock;
        this.json = json;
        this.identity = identity;
        this.tenancy = tenancy;
    }

    @OnOpen
    void open(WebSocketConnection connection) {
        if (subscribers.open(connection, tenancy.grantOf(identity.getPrincipal())) == null) {
            connection
                    .close(new CloseReason(1008, "too many open streams for this client"))
                    .subscribe()
                    .with(ok -> {}, failure -> {});
        }
    }

    @OnClose
    void close(WebSocketConnection connection) {
        subscribers.close(connection);
    }

    @OnTextMessage
    @Blocking
    void message(String text, WebSocketConnection connection) {
        StockSubscribers.Subscriber subscriber = subscribers.of(connection);
        if (subscriber == null) { // ended (stream guard or a limit); the close is on its way
            return;
        }
        StreamConfig limits = subscribers.config();
        if (!subscriber.takeMessage(limits.maxMessagesPerMinute())) {
            subscribers.end(
                    subscriber,
                    new platform.error.DomainException(platform.error.ErrorCode.RATE_LIMITED, "too many messages"));
            return;
        }
        int maxSkus = limits.maxSkusPerConnection();
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (Exception e) {
            error(connection, "the message is not JSON");
            return;
        }
        JsonNode wanted = message == null ? null : message.get("subscribe");
        if (wanted == null || !wanted.isArray() || wanted.isEmpty() || wanted.size() > maxSkus) {
            error(
                    connection,
                    "send {\"subscribe\":[\"SKU-1\",…]} or {\"subscribe\":[\"*\"]} (at most " + maxSkus + " SKUs)");
            return;
        }
        boolean star = false;
        Set<String> skus = new LinkedHashSet<>();
        for (JsonNode node : wanted) {
            String sku = node.isTextual() ? node.asText() : "";
            if (sku.equals("*")) {
                star = true;
            } else if (Sku.isValid(sku)) {
                skus.add(sku);
            } else {
                error(connection, "not a SKU: " + node);
                return;
            }
        }
        long added =
                skus.stream().filter(sku -> !subscriber.skus().contains(sku)).count();
        if (subscriber.skus().size() + added > maxSkus) {
            error(
                    connection,
                    "at most " + maxSkus + " SKUs per connection; this connection follows "
                            + subscriber.skus().size() + " already");
            return;
        }
        Map<String, Long> versions = sinceVersion(message.get("sinceVersion"), skus, subscriber, star, maxSkus);
        if (versions == null) {
            error(
                    connection,
                    "sinceVersion must be an object of at most " + maxSkus
                            + " SKUs this connection subscribes to, each with a version number");
            return;
        }
        JsonNode include = message.get("include");
        if (include != null && !include.isNull()) {
            if (!include.isTextual() || !include.asText().equals("locations")) {
                error(connection, "include must be \"locations\" (per-location levels on every change)");
                return;
            }
            subscriber.locations = true; // ADR 0052: changes carry "locations":[…] from now on
        }
        // remember what the client already has: only newer versions are sent
        versions.forEach((sku, version) -> subscriber.sent().merge(sku, version, Math::max));
        subscriber.skus().addAll(skus);
        boolean firstStar = star && !subscriber.all;
        subscriber.all |= star;
        if (firstStar) { // one paged snapshot of the catalogue per connection; a repeated "*" scans nothing
            String cursor = null;
            do {
                Page<StockLevel> page = stock.levels(PageRequest.of("200", cursor));
                subscribers.snapshot(subscriber, page.items());
                cursor = page.nextCursor();
            } while (cursor != null);
        }
        if (!skus.isEmpty()) {
            subscribers.snapshot(subscriber, stock.levels(List.copyOf(skus)).items());
        }
    }

    /** The sinceVersion map, or null when it is not an object of known, subscribed SKUs with versions. */
    private static Map<String, Long> sinceVersion(
            JsonNode since, Set<String> skus, StockSubscribers.Subscriber subscriber, boolean star, int maxSkus) {
        Map<String, Long> versions = new HashMap<>();
        if (since == null || since.isNull()) {
            return versions;
        }
        if (!since.isObject() || since.size() > maxSkus) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = since.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String sku = entry.getKey();
            boolean followed = star
                    || subscriber.all
                    || skus.contains(sku)
                    || subscriber.skus().contains(sku);
            if (!Sku.isValid(sku)
                    || !followed
                    || !entry.getValue().canConvertToLong()
                    || entry.getValue().asLong() < 0) {
                return null;
            }
            versions.put(sku, entry.getValue().asLong());
        }
        return versions;
    }

    private void error(WebSocketConnection connection, String detail) {
        connection.sendTextAndAwait(json.createObjectNode()
                .put("type", "error")
                .put("code", "invalid_request")
                .put("detail", detail)
                .toString());
    }
}
