package inventory.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Catalog;

/** The WebSocket stock stream: authentication, snapshot, changes in version order, resume. */
@QuarkusTest
class StockStreamTest {

    /** Collects the text messages of one connection. */
    static final class Inbox implements WebSocket.Listener {
        final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        JsonPath next() throws InterruptedException {
            String message = messages.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a message within 10 s").isNotNull();
            return JsonPath.from(message);
        }
    }

    private static URI stream(String query) {
        return URI.create("ws://localhost:" + RestAssured.port + "/v1/inventory/stream" + query);
    }

    private static WebSocket connect(Inbox inbox, String token, boolean asQuery) {
        var builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (token != null && !asQuery) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.buildAsync(stream(asQuery ? "?access_token=" + token : ""), inbox)
                .join();
    }

    @Test
    void sendsASnapshotThenEveryChangeInVersionOrder() throws Exception {
        var reader = Api.newClient("Stream Reader", "inventory:read");
        String sku = Catalog.stocked("WS", "1.00", 10);
        Inbox inbox = new Inbox();
        WebSocket socket = connect(inbox, reader.token(), false);
        socket.sendText("{\"subscribe\":[\"" + sku + "\"]}", true).join();
        JsonPath snapshot = inbox.next();
        assertThat(snapshot.getString("type")).isEqualTo("stock");
        assertThat(snapshot.getString("sku")).isEqualTo(sku);
        assertThat(snapshot.getLong("onHand")).isEqualTo(10);
        long version = snapshot.getLong("version");

        for (int i = 1; i <= 3; i++) {
            Catalog.adjust(sku, i);
        }
        long last = version;
        long onHand = 10;
        for (int i = 1; i <= 3; i++) {
            JsonPath change = inbox.next();
            assertThat(change.getString("sku")).isEqualTo(sku);
            assertThat(change.getLong("version")).isGreaterThan(last);
            last = change.getLong("version");
            onHand = change.getLong("onHand");
            assertThat(change.getString("at")).isNotNull();
            assertThat(change.getLong("available")).isEqualTo(change.getLong("onHand") - change.getLong("reserved"));
        }
        assertThat(onHand).isEqualTo(16);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    @Test
    void snapshotsAndChangesCarryPerLocationLevelsOnlyForSubscribersThatAsk() throws Exception {
        var reader = Api.newClient("Stream Locations", "inventory:read");
        String sku = Catalog.stocked("WSLOC", "1.00", 4);
        String east = Catalog.location("WS-EAST");
        Catalog.adjustAt(sku, 3, east);

        Inbox asking = new Inbox();
        WebSocket withLocations = connect(asking, reader.token(), false);
        withLocations
                .sendText("{\"subscribe\":[\"" + sku + "\"],\"include\":\"locations\"}", true)
                .join();
        JsonPath snapshot = asking.next();
        assertThat(snapshot.getLong("onHand")).isEqualTo(7);
        assertThat(snapshot.getList("locations.location")).containsExactly("default", east);
        assertThat(snapshot.getList("locations.onHand", Long.class)).containsExactly(4L, 3L);

        Inbox plain = new Inbox();
        WebSocket totalsOnly = connect(plain, reader.token(), false);
        totalsOnly.sendText("{\"subscribe\":[\"" + sku + "\"]}", true).join();
        assertThat(plain.next().getMap("$")).doesNotContainKey("locations");

        Catalog.adjust(sku, 1); // at 'default'
        JsonPath change = asking.next();
        assertThat(change.getLong("onHand")).isEqualTo(8);
        assertThat(change.getList("locations.onHand", Long.class)).containsExactly(5L, 3L);
        assertThat(plain.next().getMap("$")).doesNotContainKey("locations");

        withLocations.sendText("{\"subscribe\":[\"" + sku + "\"],\"include\":\"everything\"}", true);
        assertThat(asking.next().getString("type")).isEqualTo("error");
        withLocations.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        totalsOnly.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    @Test
    void acceptsTheTokenAsAQueryParameterAndResumesFromAVersion() throws Exception {
        var reader = Api.newClient("Browser Reader", "inventory:read");
        String current = Catalog.stocked("WSQ", "1.00", 5); // version 1
        String missed = Catalog.stocked("WSM", "1.00", 5); // version 1, then changes
        Catalog.adjust(missed, 1); // version 2
        Inbox inbox = new Inbox();
        WebSocket socket = connect(inbox, reader.token(), true);
        socket.sendText(
                        "{\"subscribe\":[\"" + current + "\",\"" + missed + "\"],\"sinceVersion\":{\"" + current
                                + "\":1,\"" + missed + "\":1}}",
                        true)
                .join();
        JsonPath first = inbox.next();
        assertThat(first.getString("sku")).isEqualTo(missed); // the up-to-date SKU gets no snapshot
        assertThat(first.getLong("version")).isEqualTo(2);
        assertThat(inbox.messages.poll(500, TimeUnit.MILLISECONDS)).isNull();
        socket.abort();
    }

    @Test
    void answersABadSubscriptionWithAnError() throws Exception {
        var reader = Api.newClient("Sloppy Reader", "inventory:read");
        Inbox inbox = new Inbox();
        WebSocket socket = connect(inbox, reader.token(), false);
        socket.sendText("{\"subscribe\":\"all\"}", true).join();
        assertThat(inbox.next().getString("code")).isEqualTo("invalid_request");
        socket.sendText("not json", true).join();
        assertThat(inbox.next().getString("type")).isEqualTo("error");
        socket.abort();
    }

    @Test
    void refusesConnectionsWithoutTokenOrScope() {
        assertThat(refusal(null, false)).isEqualTo(401);
        var writer = Api.newClient("No Read Scope", "orders:write");
        assertThat(refusal(writer.token(), false)).isEqualTo(403);
        assertThat(refusal("garbage", true)).isEqualTo(401);
    }

    private static int refusal(String token, boolean asQuery) {
        try {
            connect(new Inbox(), token, asQuery).abort();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException handshake) {
                return handshake.getResponse().statusCode();
            }
            throw e;
        }
        throw new AssertionError("the handshake succeeded");
    }
}
