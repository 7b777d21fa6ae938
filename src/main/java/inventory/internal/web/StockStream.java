package inventory.internal.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inventory.Sku;
import inventory.StockLevel;
import inventory.internal.domain.StockService;
import inventory.internal.messaging.StockSubscribers;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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

    private static final int MAX_SKUS = 1000;

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
        subscribers.open(connection, tenancy.grantOf(identity.getPrincipal()));
    }

    @OnClose
    void close(WebSocketConnection connection) {
        subscribers.close(connection);
    }

    @OnTextMessage
    @Blocking
    void message(String text, WebSocketConnection connection) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (Exception e) {
            error(connection, "the message is not JSON");
            return;
        }
        JsonNode wanted = message == null ? null : message.get("subscribe");
        if (wanted == null || !wanted.isArray() || wanted.isEmpty() || wanted.size() > MAX_SKUS) {
            error(
                    connection,
                    "send {\"subscribe\":[\"SKU-1\",…]} or {\"subscribe\":[\"*\"]} (at most " + MAX_SKUS + " SKUs)");
            return;
        }
        JsonNode since = message.get("sinceVersion");
        StockSubscribers.Subscriber subscriber = subscribers.of(connection);
        if (subscriber == null) { // ended by the stream guard; the close is on its way
            return;
        }
        List<String> skus = new ArrayList<>();
        for (JsonNode node : wanted) {
            String sku = node.isTextual() ? node.asText() : "";
            if (sku.equals("*")) {
                subscriber.all = true;
            } else if (Sku.isValid(sku)) {
                skus.add(sku);
            } else {
                error(connection, "not a SKU: " + node);
                return;
            }
        }
        // remember what the client already has: only newer versions are sent
        if (since != null && since.isObject()) {
            for (Iterator<String> it = since.fieldNames(); it.hasNext(); ) {
                String sku = it.next();
                if (since.get(sku).canConvertToLong()) {
                    subscriber.sent().merge(sku, since.get(sku).asLong(), Math::max);
                }
            }
        }
        subscriber.skus().addAll(skus);
        if (subscriber.all) {
            String cursor = null;
            do {
                Page<StockLevel> page = stock.levels(PageRequest.of("200", cursor));
                page.items().forEach(level -> subscribers.send(subscriber, level));
                cursor = page.nextCursor();
            } while (cursor != null);
        } else {
            stock.levels(skus).items().forEach(level -> subscribers.send(subscriber, level));
        }
    }

    private void error(WebSocketConnection connection, String detail) {
        connection.sendTextAndAwait(json.createObjectNode()
                .put("type", "error")
                .put("code", "invalid_request")
                .put("detail", detail)
                .toString());
    }
}
