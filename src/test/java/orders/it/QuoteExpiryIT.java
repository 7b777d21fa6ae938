package orders.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import testsupport.PackagedApp;

/**
 * Quote expiry with real processes (issue #16 items 1 and 6): two instances on one database expire the
 * same due quotes together, and an instance killed (SIGKILL) in the middle of an expiry run leaves the
 * rest to the restarted one; either way every hold is released exactly once. "Exactly once" is checked
 * on the stock rows (held equals what the quotes still open hold, not a unit less) and on the outbox
 * (one {@code quote.expired} per quote). Run by failsafe after {@code package}.
 */
class QuoteExpiryIT {

    private static final int SKUS = 20;

    @Test
    void twoInstancesExpireEveryQuoteOnceAndReleaseEveryHoldOnce() throws Exception {
        PackagedApp app = new PackagedApp();
        int portA = testsupport.Ports.free();
        int portB = testsupport.Ports.free();
        Map<String, String> env = Map.of(
                "QUARTERMASTER_ORDERS_QUOTE_EXPIRY_INTERVAL", "1s",
                "QUARTERMASTER_ORDERS_QUOTE_EXPIRY_BATCH", "3");
        Process a = null;
        Process b = null;
        try {
            a = app.start(portA, env);
            b = app.start(portB, env);
            String operator = app.operatorToken(portA);
            String prefix = "QX2";
            stock(portA, operator, prefix);
            String client = client(portA, operator, "Expiry Two");
            // quotes through both instances; the first 40 will be due, the last 8 stay open
            List<String> ids = quotes(app, new int[] {portA, portB}, client, prefix, 48, 5);
            List<String> due = ids.subList(0, 40);
            makeDue(app, due);

            awaitExpired(app, due);
            assertExactlyOnce(app, prefix, due, ids.subList(40, ids.size()));
        } finally {
            stop(a);
            stop(b);
            app.dropDatabase();
        }
    }

    @Test
    void anExpiryRunKilledMidWayReleasesEveryHoldOnceAfterRestart() throws Exception {
        PackagedApp app = new PackagedApp();
        int port = testsupport.Ports.free();
        // one quote per transaction, many lines each: the run takes long enough to be killed in the middle
        Map<String, String> env = Map.of(
                "QUARTERMASTER_ORDERS_QUOTE_EXPIRY_INTERVAL", "1s",
                "QUARTERMASTER_ORDERS_QUOTE_EXPIRY_BATCH", "1");
        Process p = null;
        try {
            p = app.start(port, env);
            String operator = app.operatorToken(port);
            String prefix = "QXR";
            stock(port, operator, prefix);
            String client = client(port, operator, "Expiry Restart");
            List<String> ids = quotes(app, new int[] {port}, client, prefix, 110, SKUS);
            List<String> due = ids.subList(0, 100);
            makeDue(app, due);

            Awaitility.await("the first expired quotes")
                    .atMost(Duration.ofMinutes(3))
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> expired(app, due) > 0);
            p.destroyForcibly().waitFor(); // SIGKILL in the middle of the run: its open transaction rolls back
            int beforeRestart = expired(app, due);
            assertThat(beforeRestart).as("killed before the run finished").isLessThan(due.size());

            p = app.start(port, env);
            awaitExpired(app, due);
            assertExactlyOnce(app, prefix, due, ids.subList(100, ids.size()));
        } finally {
            stop(p);
            app.dropDatabase();
        }
    }

    private static void stock(int port, String operator, String prefix) {
        List<Map<String, Object>> products = new ArrayList<>();
        List<Map<String, Object>> stock = new ArrayList<>();
        for (int i = 0; i < SKUS; i++) {
            products.add(Map.of("sku", prefix + "-" + i, "name", "Expiry " + i, "unitPrice", "1.00"));
            stock.add(Map.of("sku", prefix + "-" + i, "delta", 1_000_000, "reason", "restock"));
        }
        as(port, operator)
                .body(Map.of("products", products))
                .post("/v1/products/batch")
                .then()
                .statusCode(200);
        as(port, operator)
                .body(Map.of("adjustments", stock))
                .post("/v1/inventory/adjustments")
                .then()
                .statusCode(200);
    }

    private static String client(int port, String operator, String name) {
        return as(port, operator)
                .body(Map.of("name", name, "currency", "EUR", "creditLimit", "100000000.00"))
                .post("/v1/clients")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** {@code count} quotes of {@code lines} lines each (quantity 1 to 3), spread over the ports, 4 at a time. */
    private static List<String> quotes(PackagedApp app, int[] ports, String client, String prefix, int count, int lines)
            throws Exception {
        String[] tokens = new String[ports.length];
        for (int i = 0; i < ports.length; i++) {
            tokens[i] = app.operatorToken(ports[i]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int q = 0; q < count; q++) {
                int n = q;
                futures.add(pool.submit(() -> {
                    List<Map<String, Object>> body = new ArrayList<>();
                    for (int l = 0; l < lines; l++) {
                        body.add(Map.of("sku", prefix + "-" + ((n + l) % SKUS), "quantity", 1 + (n + l) % 3));
                    }
                    int i = n % ports.length;
                    Response r = as(ports[i], tokens[i])
                            .queryParam("clientId", client)
                            .body(Map.of("lines", body))
                            .post("/v1/quotes");
                    assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
                    return r.path("id");
                }));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> f : futures) {
                ids.add(f.get());
            }
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void makeDue(PackagedApp app, List<String> ids) throws Exception {
        try (Connection c = app.superuser();
                Statement s = c.createStatement()) {
            s.executeUpdate(
                    "UPDATE orders.quotes SET expires_at = now() - interval '1 second' WHERE id IN (" + in(ids) + ")");
        }
    }

    private static void awaitExpired(PackagedApp app, List<String> due) {
        Awaitility.await("every due quote expired")
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> expired(app, due) == due.size());
    }

    private static int expired(PackagedApp app, List<String> ids) throws Exception {
        try (Connection c = app.superuser();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT count(*) FROM orders.quotes WHERE status = 'expired' AND id IN (" + in(ids) + ")")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * Held units per SKU equal exactly what the quotes still open hold (a second release of any quote would
     * leave fewer, a missed one more); on-hand is untouched; one {@code quote.expired} event per due quote.
     */
    private static void assertExactlyOnce(PackagedApp app, String prefix, List<String> due, List<String> open)
            throws Exception {
        try (Connection c = app.superuser();
                Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("""
                    SELECT l.sku, l.held, l.on_hand, l.reserved, coalesce(q.held, 0)
                      FROM inventory.stock_levels l
                      LEFT JOIN (SELECT ql.sku, sum(ql.quantity) AS held FROM orders.quote_lines ql
                                   JOIN orders.quotes qq ON qq.id = ql.quote_id AND qq.status = 'open'
                                  GROUP BY ql.sku) q ON q.sku = l.sku
                     WHERE l.sku LIKE '""" + prefix + "-%'");
            int rows = 0;
            while (rs.next()) {
                rows++;
                assertThat(rs.getLong(2)).as("held of " + rs.getString(1)).isEqualTo(rs.getLong(5));
                assertThat(rs.getLong(3)).as("onHand of " + rs.getString(1)).isEqualTo(1_000_000L);
                assertThat(rs.getLong(4)).as("reserved of " + rs.getString(1)).isZero();
            }
            assertThat(rows).isEqualTo(SKUS);
            rs = s.executeQuery(
                    "SELECT count(*) FROM orders.quotes WHERE status = 'open' AND id IN (" + in(open) + ")");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(open.size());
            rs = s.executeQuery("SELECT count(*), count(DISTINCT subject) FROM platform.outbox"
                    + " WHERE type = 'quote.expired' AND subject IN (" + in(due) + ")");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(due.size());
            assertThat(rs.getInt(2)).isEqualTo(due.size());
        }
    }

    private static String in(List<String> ids) {
        return String.join(",", ids.stream().map(id -> "'" + id + "'").toList());
    }

    private static void stop(Process p) throws InterruptedException {
        if (p != null) {
            p.destroyForcibly().waitFor();
        }
    }

    private static RequestSpecification as(int port, String token) {
        return RestAssured.given().port(port).auth().oauth2(token).contentType(ContentType.JSON);
    }
}
