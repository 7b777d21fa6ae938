package audit.internal.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Catalog;
import testsupport.Orders;

/** The audit log records what SPEC §6 lists, refuses changes, and its chain exposes tampering. */
@QuarkusTest
class AuditLogTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void recordsClientsCredentialsOrdersAndStockWithActorTenantAndTrace() {
        var buyer = Api.newClient("Audited Buyer", "orders:read", "orders:write");
        String sku = Catalog.stocked("AUD", "1.00", 10);
        String order = Api.as(buyer.token())
                .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .body(Orders.order(null, sku, 2))
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Api.asOperator()
                .body(Map.of("status", "processing"))
                .post("/v1/orders/" + order + "/status")
                .then()
                .statusCode(200);

        JsonPath created = find("order.created", order);
        assertThat(created.getString("tenantId")).isEqualTo(buyer.id().toString());
        assertThat(created.getString("actor")).isEqualTo(buyer.credentialId().toString());
        assertThat(created.getString("traceId")).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(created.getString("at")).isNotNull();
        assertThat(find("order.status_changed", order).getString("details.to")).isEqualTo("processing");
        assertThat(find("client.created", buyer.id().toString()).getString("actor"))
                .isNotNull();
        assertThat(find("credential.created", buyer.credentialId().toString())).isNotNull();
        assertThat(find("stock.adjusted", sku)).isNotNull();
    }

    @Test
    void recordsTokenFailuresAndAuthorisationRefusals() throws Exception {
        String unknown = "nobody-" + UUID.randomUUID();
        given().formParam("grant_type", "client_credentials")
                .formParam("client_id", unknown)
                .formParam("client_secret", "wrong-secret")
                .post("/oauth2/token")
                .then()
                .statusCode(401);
        assertThat(find("token.refused", unknown).getString("details.error")).isEqualTo("invalid_client");

        var nosy = Api.newClient("Refused Reader", "orders:read");
        Api.as(nosy.token()).get("/v1/audit").then().statusCode(403).body("code", equalTo("insufficient_scope"));
        JsonPath refusal = awaitRefusalOf(nosy.id().toString(), Duration.ofSeconds(60));
        assertThat(refusal.getString("subject")).isEqualTo("GET /v1/audit");
        assertThat(refusal.getString("details.code")).isEqualTo("insufficient_scope");
    }

    @Test
    void theDatabaseRefusesChangesToTheLog() throws Exception {
        Api.createClient("Append Only Co");
        Api.asOperator().get("/v1/audit/verify").then().statusCode(200);
        try (Connection app = dataSource.getConnection();
                Statement s = app.createStatement()) {
            // the application's role may only read and append
            assertThatThrownBy(() -> s.executeUpdate("UPDATE platform.audit_log SET actor = 'mallory'"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM platform.audit_log"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
        }
        try (Connection c = testsupport.Db.superuser();
                Statement s = c.createStatement()) {
            // and even the owner is stopped by the trigger
            assertThatThrownBy(() -> s.executeUpdate("UPDATE platform.audit_log SET actor = 'mallory'"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM platform.audit_log"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("TRUNCATE platform.audit_log"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void concurrentWritersKeepOneUnbrokenChainAndTamperingIsFound() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Callable<UUID>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int n = i;
            calls.add(() -> Api.createClient("Concurrent Audit " + n));
        }
        for (Future<UUID> f : pool.invokeAll(calls)) {
            f.get();
        }
        pool.shutdown();
        Response ok = Api.asOperator().get("/v1/audit/verify");
        ok.then().statusCode(200).body("valid", equalTo(true));
        int entries = ok.path("entries");
        assertThat(entries).isGreaterThanOrEqualTo(30);

        long victim = entries / 2;
        try (Connection c = testsupport.Db.superuser();
                Statement s = c.createStatement()) {
            String original;
            try (ResultSet rs = s.executeQuery("SELECT details::text FROM platform.audit_log WHERE seq = " + victim)) {
                rs.next();
                original = rs.getString(1);
            }
            s.execute("SET session_replication_role = replica"); // a superuser switching the guard off
            s.executeUpdate("UPDATE platform.audit_log SET details = '{\"forged\":true}' WHERE seq = " + victim);
            try {
                Api.asOperator()
                        .get("/v1/audit/verify")
                        .then()
                        .statusCode(200)
                        .body("valid", equalTo(false))
                        .body("firstBroken.seq", equalTo((int) victim))
                        .body("firstBroken.reason", equalTo("content does not match its hash"));
            } finally {
                try (PreparedStatement restore =
                        c.prepareStatement("UPDATE platform.audit_log SET details = ?::jsonb WHERE seq = ?")) {
                    restore.setString(1, original);
                    restore.setLong(2, victim);
                    restore.executeUpdate();
                }
                s.execute("SET session_replication_role = origin");
            }
        }
        Api.asOperator().get("/v1/audit/verify").then().body("valid", equalTo(true));
    }

    @Test
    void pagesThroughTheLogInChainOrder() {
        for (int i = 0; i < 3; i++) {
            Api.createClient("Paged Audit Co " + i);
        }
        Response first = Api.asOperator().queryParam("limit", 2).get("/v1/audit");
        first.then().statusCode(200);
        List<Integer> seqs = first.path("items.seq");
        assertThat(seqs).hasSize(2);
        Response second = Api.asOperator()
                .queryParam("limit", 2)
                .queryParam("cursor", (String) first.path("nextCursor"))
                .get("/v1/audit");
        assertThat(second.<Integer>path("items[0].seq"))
                .as(first.asString() + " THEN " + second.asString())
                .isEqualTo(seqs.get(1) + 1);
        assertThat(second.<String>path("items[0].prevHash")).isEqualTo(first.path("items[1].hash"));
        Api.asOperator()
                .queryParam("tenantId", "not-a-uuid")
                .get("/v1/audit")
                .then()
                .statusCode(400);
    }

    /** The entry with this action and subject, as JSON, or null. */
    private static JsonPath find(String action, String subject) {
        String cursor = null;
        do {
            var request = Api.asOperator().queryParam("action", action).queryParam("limit", 200);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/v1/audit");
            page.then().statusCode(200);
            List<Map<String, Object>> items = page.path("items");
            for (int i = 0; i < items.size(); i++) {
                if (subject.equals(items.get(i).get("subject"))) {
                    return JsonPath.from(page.asString()).setRootPath("items[" + i + "]");
                }
            }
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return null;
    }

    private static JsonPath awaitRefusalOf(String tenant, Duration timeout) {
        Response page = Awaitility.await("a refusal recorded for " + tenant)
                .atMost(timeout)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> Api.asOperator()
                                .queryParam("action", "authorization.refused")
                                .queryParam("tenantId", tenant)
                                .get("/v1/audit"),
                        p -> p.<List<?>>path("items").size() > 0);
        return JsonPath.from(page.asString()).setRootPath("items[0]");
    }
}
