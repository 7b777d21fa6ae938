package inventory.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Catalog;

/** The same stock feed as server-sent events, with Last-Event-ID resume. */
@QuarkusTest
class StockEventStreamTest {

    /** Reads events (id and data) from an SSE response body on a thread of its own. */
    static LinkedBlockingQueue<String[]> events(InputStream body) {
        LinkedBlockingQueue<String[]> events = new LinkedBlockingQueue<>();
        CompletableFuture.runAsync(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String id = null;
                StringBuilder data = new StringBuilder();
                for (String line; (line = reader.readLine()) != null; ) {
                    if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).trim());
                    } else if (line.isEmpty() && data.length() > 0) {
                        events.add(new String[] {id, data.toString()});
                        id = null;
                        data.setLength(0);
                    }
                }
            } catch (Exception e) {
                // stream closed
            }
        });
        return events;
    }

    private static HttpResponse<InputStream> open(String token, String query, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + RestAssured.port + "/v1/inventory/stream" + query))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return HttpClient.newHttpClient().send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    @Test
    void streamsASnapshotAndChangesAndResumesFromLastEventId() throws Exception {
        var reader = Api.newClient("SSE Reader", "inventory:read");
        String sku = Catalog.stocked("SSE", "1.00", 4);
        HttpResponse<InputStream> response = open(reader.token(), "?sku=" + sku, null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        LinkedBlockingQueue<String[]> events = events(response.body());
        String[] snapshot = events.poll(10, TimeUnit.SECONDS);
        assertThat(snapshot).isNotNull();
        assertThat(JsonPath.from(snapshot[1]).getLong("onHand")).isEqualTo(4);
        assertThat(snapshot[0]).isEqualTo(sku + "@" + JsonPath.from(snapshot[1]).getLong("version"));
        Catalog.adjust(sku, 2);
        String[] change = events.poll(10, TimeUnit.SECONDS);
        assertThat(change).isNotNull();
        assertThat(JsonPath.from(change[1]).getLong("onHand")).isEqualTo(6);
        response.body().close();

        // up to date: no snapshot again
        HttpResponse<InputStream> resumed = open(reader.token(), "?sku=" + sku, change[0]);
        LinkedBlockingQueue<String[]> more = events(resumed.body());
        assertThat(more.poll(700, TimeUnit.MILLISECONDS)).isNull();
        Catalog.adjust(sku, 1);
        String[] next = more.poll(10, TimeUnit.SECONDS);
        assertThat(next).isNotNull();
        assertThat(JsonPath.from(next[1]).getLong("onHand")).isEqualTo(7);
        resumed.body().close();
    }

    @Test
    void perLocationLevelsGoOnlyToSubscribersThatAskForThem() throws Exception {
        var reader = Api.newClient("SSE Locations", "inventory:read");
        String sku = Catalog.stocked("SSELOC", "1.00", 4);
        String east = Catalog.location("SSE-EAST");
        HttpResponse<InputStream> asking = open(reader.token(), "?sku=" + sku + "&include=locations", null);
        HttpResponse<InputStream> plain = open(reader.token(), "?sku=" + sku, null);
        LinkedBlockingQueue<String[]> withLocations = events(asking.body());
        LinkedBlockingQueue<String[]> totalsOnly = events(plain.body());
        JsonPath snapshot = JsonPath.from(withLocations.poll(10, TimeUnit.SECONDS)[1]);
        assertThat(snapshot.getList("locations.location")).containsExactly("default");
        assertThat(snapshot.getLong("locations[0].onHand")).isEqualTo(4);
        assertThat(JsonPath.from(totalsOnly.poll(10, TimeUnit.SECONDS)[1]).getMap("$"))
                .doesNotContainKey("locations");

        Catalog.adjust(sku, 1); // still only at 'default'
        JsonPath first = JsonPath.from(withLocations.poll(10, TimeUnit.SECONDS)[1]);
        assertThat(first.getList("locations.location")).containsExactly("default");
        assertThat(first.getLong("locations[0].onHand")).isEqualTo(5);
        assertThat(JsonPath.from(totalsOnly.poll(10, TimeUnit.SECONDS)[1]).getMap("$"))
                .doesNotContainKey("locations");

        Catalog.adjustAt(sku, 3, east);
        JsonPath second = JsonPath.from(withLocations.poll(10, TimeUnit.SECONDS)[1]);
        assertThat(second.getLong("onHand")).isEqualTo(8);
        assertThat(second.getList("locations.location")).containsExactly("default", east);
        assertThat(second.getList("locations.onHand", Long.class)).containsExactly(5L, 3L);
        JsonPath plainChange = JsonPath.from(totalsOnly.poll(10, TimeUnit.SECONDS)[1]);
        assertThat(plainChange.getLong("onHand")).isEqualTo(8);
        assertThat(plainChange.getMap("$")).doesNotContainKey("locations");
        asking.body().close();
        plain.body().close();

        // a subscriber arriving now gets the per-location levels in its snapshot, not only in later changes
        HttpResponse<InputStream> late = open(reader.token(), "?sku=" + sku + "&include=locations", null);
        JsonPath lateSnapshot = JsonPath.from(events(late.body()).poll(10, TimeUnit.SECONDS)[1]);
        assertThat(lateSnapshot.getLong("onHand")).isEqualTo(8);
        assertThat(lateSnapshot.getList("locations.location")).containsExactly("default", east);
        assertThat(lateSnapshot.getList("locations.onHand", Long.class)).containsExactly(5L, 3L);
        assertThat(lateSnapshot.getList("locations.available", Long.class)).containsExactly(5L, 3L);
        late.body().close();
        assertThat(open(reader.token(), "?sku=" + sku + "&include=everything", null)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void refusesMissingSkusAndMissingScope() throws Exception {
        var reader = Api.newClient("SSE Sloppy", "inventory:read");
        assertThat(open(reader.token(), "", null).statusCode()).isEqualTo(400);
        var writer = Api.newClient("SSE Writer", "orders:write");
        assertThat(open(writer.token(), "?sku=X-1", null).statusCode()).isEqualTo(403);
    }
}
