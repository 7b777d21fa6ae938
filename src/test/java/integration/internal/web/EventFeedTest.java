package integration.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Api.TestClient;
import testsupport.Catalog;
import testsupport.Orders;

@QuarkusTest
class EventFeedTest {

    @Test
    void aClientSeesItsOwnOrderEventsAndAllStockEventsButNoOtherClients() {
        TestClient a = Api.newClient("Feed A", "orders:read", "orders:write", "inventory:read");
        TestClient b = Api.newClient("Feed B", "orders:read", "orders:write");
        String sku = Catalog.stocked("FEED", "1.00", 10);
        String mine = Api.as(a.token())
                .body(Orders.order(null, sku, 1))
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String theirs = Api.as(b.token())
                .body(Orders.order(null, sku, 2))
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        // the feed holds events back while older transactions are open: wait until both changes show
        List<Map<String, Object>> seen = awaitFeed(
                () -> all(a.token(), List.of()),
                events -> events.stream().anyMatch(e -> mine.equals(e.get("subject")))
                        && events.stream()
                                .filter(e -> sku.equals(e.get("subject")))
                                .map(e -> ((Map<?, ?>) e.get("data")).get("reserved"))
                                .anyMatch(r -> Integer.valueOf(3).equals(r)));
        List<Object> subjects = seen.stream().map(e -> e.get("subject")).toList();
        assertThat(subjects).contains(mine, sku).doesNotContain(theirs);
        Map<String, Object> created = seen.stream()
                .filter(e -> mine.equals(e.get("subject")))
                .findFirst()
                .orElseThrow();
        assertThat(created)
                .containsEntry("specversion", "1.0")
                .containsEntry("type", "order.created")
                .containsEntry("source", "/orders")
                .containsEntry("tenantid", a.id().toString())
                .containsEntry("datacontenttype", "application/json")
                .containsKeys("id", "time");
        assertThat(((Map<?, ?>) created.get("data")).get("status")).isEqualTo("pending");
        List<Object> reserved = seen.stream()
                .filter(e -> sku.equals(e.get("subject")))
                .map(e -> (Object) ((Map<?, ?>) e.get("data")).get("reserved"))
                .toList();
        assertThat(reserved).contains(1, 3);
        assertThat(seen.stream()
                        .filter(e -> e.get("tenantid") != null)
                        .map(e -> e.get("tenantid"))
                        .distinct())
                .containsOnly(a.id().toString());
        assertThat(awaitFeed(
                        () -> all(Api.operatorToken(), List.of("order.created")).stream()
                                .map(e -> e.get("subject"))
                                .toList(),
                        subjectsSeen -> subjectsSeen.containsAll(List.of(mine, theirs))))
                .contains(mine, theirs);
    }

    @Test
    void filtersByTypeAndResumesAfterTheCursor() {
        TestClient c = Api.newClient("Feed Resume", "orders:read", "orders:write");
        String sku = Catalog.stocked("RESUME", "1.00", 10);
        Response head = Api.as(c.token())
                .queryParam("type", "order.created")
                .queryParam("limit", 200)
                .get("/v1/events");
        String cursor = head.path("nextCursor");
        while (head.<List<?>>path("items").size() == 200) {
            head = Api.as(c.token())
                    .queryParam("type", "order.created")
                    .queryParam("limit", 200)
                    .queryParam("after", cursor)
                    .get("/v1/events");
            cursor = head.path("nextCursor");
        }
        String order = Api.as(c.token())
                .body(Orders.order(null, sku, 1))
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String after = cursor;
        awaitFeed(
                        () -> Api.as(c.token())
                                .queryParam("type", "order.created")
                                .queryParam("after", after)
                                .get("/v1/events"),
                        page -> page.statusCode() == 200
                                && !page.<List<?>>path("items").isEmpty())
                .then()
                .statusCode(200)
                .body("items.subject", equalTo(List.of(order)))
                .body("items.type", equalTo(List.of("order.created")));
        Api.as(c.token())
                .queryParam("type", "order.exploded")
                .get("/v1/events")
                .then()
                .statusCode(400);
        Api.as(c.token())
                .queryParam("after", "garbage")
                .get("/v1/events")
                .then()
                .statusCode(400);
    }

    @Test
    void needsAReadScope() {
        TestClient writer = Api.newClient("Feed Writer", "orders:write");
        Api.as(writer.token()).get("/v1/events").then().statusCode(403).body("code", equalTo("insufficient_scope"));
    }

    /** Reads until {@code visible} holds: the feed shows an event only once older transactions have ended. */
    private static <T> T awaitFeed(Callable<T> read, Predicate<T> visible) {
        return Awaitility.await("the feed")
                .atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .until(read, visible);
    }

    private static List<Map<String, Object>> all(String token, List<String> types) {
        List<Map<String, Object>> events = new ArrayList<>();
        String cursor = null;
        while (true) {
            var request = Api.as(token).queryParam("limit", 200);
            types.forEach(t -> request.queryParam("type", t));
            if (cursor != null) {
                request.queryParam("after", cursor);
            }
            Response page = request.get("/v1/events");
            page.then().statusCode(200);
            List<Map<String, Object>> items = page.path("items");
            events.addAll(items);
            cursor = page.path("nextCursor");
            if (items.size() < 200) {
                return events;
            }
        }
    }

    @Test
    void carriesTheTraceContextOfTheWriteAsTheTraceparentExtension() {
        TestClient reader = Api.newClient("Feed Tracer", "inventory:read");
        String sku = Catalog.stocked("TRACED", "1.00", 10);
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Api.asOperator()
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .body(Map.of("adjustments", List.of(Map.of("sku", sku, "delta", 1, "reason", "restock"))))
                .post("/v1/inventory/adjustments")
                .then()
                .statusCode(200);

        List<Map<String, Object>> events = awaitFeed(
                () -> all(reader.token(), List.of("inventory.stock_changed")).stream()
                        .filter(e -> sku.equals(e.get("subject")))
                        .toList(),
                ofSku -> ofSku.size() >= 2);
        assertThat(events).hasSize(2);
        // each event carries the trace of the request that wrote it: the server span under the caller's
        assertThat((String) events.get(0).get("traceparent"))
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01")
                .doesNotContain(traceId);
        assertThat((String) events.get(1).get("traceparent"))
                .matches("00-" + traceId + "-[0-9a-f]{16}-01")
                .doesNotContain("00f067aa0ba902b7");
    }
}
