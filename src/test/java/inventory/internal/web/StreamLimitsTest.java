package inventory.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import testsupport.Api;

/**
 * Issue 10 item 3: one connection or one client cannot take unbounded memory or CPU. The test profile
 * allows 5 streams per client and the default 1,000 SKUs and 120 messages a minute (burst 20) per
 * connection.
 */
@QuarkusTest
class StreamLimitsTest {

    /** Collects messages and the close of one connection. */
    static final class Peer implements WebSocket.Listener {
        final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
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

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.complete("error " + error);
        }

        JsonPath next() throws InterruptedException {
            String message = messages.poll(20, TimeUnit.SECONDS);
            assertThat(message).as("a message within 20 s").isNotNull();
            return JsonPath.from(message);
        }
    }

    private static WebSocket connect(Peer peer, String token) {
        return HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .buildAsync(URI.create("ws://localhost:" + RestAssured.port + "/v1/inventory/stream"), peer)
                .join();
    }

    private static String skus(String prefix, int from, int count) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            s.append(s.length() == 0 ? "" : ",")
                    .append('"')
                    .append(prefix)
                    .append('-')
                    .append(i)
                    .append('"');
        }
        return s.toString();
    }

    @Test
    void theSubscribedSkusAreBoundedAcrossMessages() throws Exception {
        var reader = Api.newClient("Greedy Reader", "inventory:read");
        Peer peer = new Peer();
        WebSocket socket = connect(peer, reader.token());
        socket.sendText("{\"subscribe\":[" + skus("NOPE", 0, 600) + "]}", true).join();
        socket.sendText("{\"subscribe\":[" + skus("NOPE", 600, 600) + "]}", true)
                .join();
        JsonPath refusal = peer.next();
        assertThat(refusal.getString("type")).isEqualTo("error");
        assertThat(refusal.getString("detail")).contains("1000 SKUs per connection");
        socket.abort();
    }

    @Test
    void sinceVersionKeysMustBeSubscribedSkus() throws Exception {
        var reader = Api.newClient("Junk Reader", "inventory:read");
        Peer peer = new Peer();
        WebSocket socket = connect(peer, reader.token());
        StringBuilder junk = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            junk.append(i == 0 ? "" : ",").append("\"JUNK-").append(i).append("\":1");
        }
        socket.sendText("{\"subscribe\":[\"ONE-1\"],\"sinceVersion\":{" + junk + "}}", true)
                .join();
        JsonPath refusal = peer.next();
        assertThat(refusal.getString("type")).isEqualTo("error");
        assertThat(refusal.getString("detail")).contains("sinceVersion");
        socket.abort();
    }

    @Test
    void aFloodOfMessagesClosesTheConnection() throws Exception {
        var reader = Api.newClient("Chatty Reader", "inventory:read");
        Peer peer = new Peer();
        WebSocket socket = connect(peer, reader.token());
        for (int i = 0; i < 200 && !peer.closed.isDone(); i++) {
            socket.sendText("{\"subscribe\":[\"CHAT-1\"]}", true).join();
        }
        assertThat(peer.closed.get(20, TimeUnit.SECONDS)).isEqualTo("1008 too many messages");
    }

    @Test
    void aClientCannotOpenMoreStreamsThanAllowed() throws Exception {
        var reader = Api.newClient("Many Streams", "inventory:read");
        List<WebSocket> open = new ArrayList<>();
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Peer peer = new Peer();
            open.add(connect(peer, reader.token()));
            peers.add(peer);
        }
        Peer sixth = new Peer();
        connect(sixth, reader.token());
        assertThat(sixth.closed.get(20, TimeUnit.SECONDS)).isEqualTo("1008 too many open streams for this client");
        HttpResponse<Void> sse = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://localhost:" + RestAssured.port + "/v1/inventory/stream?sku=SSE-1"))
                                .header("Accept", "text/event-stream")
                                .header("Authorization", "Bearer " + reader.token())
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        assertThat(sse.statusCode()).isEqualTo(429);
        assertThat(peers).allSatisfy(p -> assertThat(p.closed).isNotDone());
        // another client is not affected
        var other = Api.newClient("Other Streams", "inventory:read");
        Peer fine = new Peer();
        WebSocket socket = connect(fine, other.token());
        socket.sendText("{\"subscribe\":[\"FINE-1\"]}", true).join();
        assertThat(fine.closed).isNotDone();
        open.forEach(WebSocket::abort);
        socket.abort();
    }
}
