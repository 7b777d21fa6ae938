package audit.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import testsupport.Api;

/**
 * Issue #10, item 10: a signed checkpoint of the chain head makes the removal of the newest entries by a
 * superuser visible; entries hashed with the old encoding keep verifying; the application role may only
 * add pending entries.
 */
@QuarkusTest
class AuditCheckpointTest {

    @Inject
    AuditCheckpoints checkpoints;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void removingTheNewestEntriesAsSuperuserIsFoundAgainstTheLatestCheckpoint() throws Exception {
        for (int i = 0; i < 4; i++) {
            Api.createClient("Checkpointed Co " + i);
        }
        var published = checkpoints.publish();
        assertThat(published).isPresent();
        long entries = published.get().entries();

        Response listed = Api.asOperator().queryParam("limit", 200).get("/v1/audit/checkpoints");
        listed.then().statusCode(200);
        List<Integer> counts = listed.path("items.entries");
        assertThat(counts).isNotEmpty();
        assertThat(counts.get(counts.size() - 1)).isEqualTo((int) entries);
        assertThat(listed.<String>path("items[-1].algorithm")).isEqualTo("HMAC-SHA256");
        Api.asOperator()
                .get("/v1/audit/verify")
                .then()
                .statusCode(200)
                .body("valid", equalTo(true))
                .body("checkpoint.status", equalTo("ok"))
                .body("checkpoint.entries", equalTo((int) entries));

        List<Object[]> removed = new ArrayList<>();
        try (Connection c = testsupport.Db.superuser();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT seq, id, at, actor, tenant_id, trace_id, action, subject,"
                    + " details::text, prev_hash, hash, encoding FROM platform.audit_log WHERE seq > "
                    + (entries - 2) + " ORDER BY seq")) {
                while (rs.next()) {
                    Object[] row = new Object[12];
                    for (int i = 0; i < 12; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    removed.add(row);
                }
            }
            s.execute("SET session_replication_role = replica"); // a superuser switching the guard off
            s.executeUpdate("DELETE FROM platform.audit_log WHERE seq > " + (entries - 2));
            s.execute("SET session_replication_role = origin");
            try {
                Api.asOperator()
                        .get("/v1/audit/verify")
                        .then()
                        .statusCode(200)
                        .body("valid", equalTo(false))
                        .body("entries", equalTo((int) entries - 2))
                        .body("checkpoint.status", equalTo("truncated"))
                        .body("checkpoint.entries", equalTo((int) entries));
                // and no later checkpoint blesses the shorter chain
                assertThat(checkpoints.publish()).isEmpty();
            } finally {
                s.execute("SET session_replication_role = replica");
                try (PreparedStatement restore = c.prepareStatement("INSERT INTO platform.audit_log (seq, id, at,"
                        + " actor, tenant_id, trace_id, action, subject, details, prev_hash, hash, encoding)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)")) {
                    for (Object[] row : removed) {
                        for (int i = 0; i < 12; i++) {
                            restore.setObject(i + 1, row[i]);
                        }
                        restore.executeUpdate();
                    }
                }
                s.execute("SET session_replication_role = origin");
            }
        }
        Api.asOperator()
                .get("/v1/audit/verify")
                .then()
                .body("valid", equalTo(true))
                .body("checkpoint.status", equalTo("ok"));
    }

    @Test
    void entriesHashedWithTheLineFeedEncodingKeepVerifying() throws Exception {
        Api.createClient("Before Legacy Co");
        checkpoints.publish(); // chains what is pending
        try (Connection c = testsupport.Db.superuser()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(hashtext('platform.audit_log'))"); // as the chainer does
                long seq;
                byte[] previous;
                try (ResultSet rs =
                        s.executeQuery("SELECT seq, hash FROM platform.audit_log ORDER BY seq DESC LIMIT 1")) {
                    rs.next();
                    seq = rs.getLong(1) + 1;
                    previous = rs.getBytes(2);
                }
                var legacy = new AuditChain.Entry(
                        seq,
                        UUID.randomUUID(),
                        OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS),
                        "legacy-actor",
                        null,
                        null,
                        "legacy.entry",
                        "chained before ADR 0046",
                        "{}");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO platform.audit_log (seq, id, at, actor,"
                        + " tenant_id, trace_id, action, subject, details, prev_hash, hash, encoding)"
                        + " VALUES (?, ?, ?, ?, NULL, NULL, ?, ?, ?::jsonb, ?, ?, 1)")) {
                    ps.setLong(1, legacy.seq());
                    ps.setObject(2, legacy.id());
                    ps.setObject(3, legacy.at());
                    ps.setString(4, legacy.actor());
                    ps.setString(5, legacy.action());
                    ps.setString(6, legacy.subject());
                    ps.setString(7, legacy.details());
                    ps.setBytes(8, previous);
                    ps.setBytes(9, legacy.hash(previous, 1));
                    ps.executeUpdate();
                }
            }
            c.commit();
        }
        Api.createClient("After Legacy Co");
        Api.asOperator().get("/v1/audit/verify").then().statusCode(200).body("valid", equalTo(true));
        try (Connection c = testsupport.Db.superuser();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT encoding FROM platform.audit_log ORDER BY seq DESC LIMIT 1")) {
            rs.next();
            assertThat(rs.getInt(1))
                    .as("new entries use the length-prefixed encoding")
                    .isEqualTo(2);
        }
    }

    @Test
    void theApplicationRoleMayOnlyAddPendingEntriesAndCheckpoints() throws Exception {
        try (Connection app = dataSource.getConnection();
                Statement s = app.createStatement()) {
            for (String sql : new String[] {
                "UPDATE platform.audit_pending SET actor = 'mallory'",
                "DELETE FROM platform.audit_pending",
                "TRUNCATE platform.audit_pending",
                "UPDATE platform.audit_checkpoint SET entries = 1",
                "DELETE FROM platform.audit_checkpoint",
                "TRUNCATE platform.audit_checkpoint"
            }) {
                assertThatThrownBy(() -> s.executeUpdate(sql))
                        .as(sql)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("permission denied");
            }
        }
        // its way to remove a pending entry removes only one that is already chained unchanged
        try (Connection app = dataSource.getConnection()) {
            app.setAutoCommit(false); // uncommitted: no chainer can take it meanwhile
            try (Statement s = app.createStatement()) {
                s.executeUpdate("INSERT INTO platform.audit_pending (id, at, action, subject)"
                        + " VALUES (gen_random_uuid(), now(), 'test.pending', 'not chained')");
                try (ResultSet rs = s.executeQuery("SELECT platform.audit_forget_chained(ARRAY(SELECT seq FROM"
                        + " platform.audit_pending WHERE action = 'test.pending'))")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isZero();
                }
                try (ResultSet rs =
                        s.executeQuery("SELECT count(*) FROM platform.audit_pending WHERE action = 'test.pending'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
            } finally {
                app.rollback();
                app.setAutoCommit(true);
            }
        }
    }
}
