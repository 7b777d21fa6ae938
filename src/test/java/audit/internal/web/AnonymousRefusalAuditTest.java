package audit.internal.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import testsupport.Db;

/**
 * Anonymous refusals cannot grow the append-only audit log one row each (issue #10 item 7): 40 requests
 * without a token become entries of {@code authorization.refused.anonymous} per address and interval,
 * with their count, and no entry per request.
 */
@QuarkusTest
class AnonymousRefusalAuditTest {

    private static final String ROWS = "SELECT coalesce(sum(coalesce((details->>'count')::bigint, 1)), 0), count(*)"
            + " FROM (SELECT action, subject, details, at FROM platform.audit_pending"
            + " UNION ALL SELECT action, subject, details, at FROM platform.audit_log) e"
            + " WHERE action = ? AND subject = ? AND at >= ?";

    private static long[] rows(String action, String subject, Instant since) throws SQLException {
        try (Connection c = Db.superuser();
                PreparedStatement s = c.prepareStatement(ROWS)) {
            s.setString(1, action);
            s.setString(2, subject);
            s.setTimestamp(3, Timestamp.from(since));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    @Test
    void anonymousRefusalsAreCountedPerAddressNotWrittenOneByOne() throws SQLException {
        Instant start = Instant.now().minusSeconds(1);
        String path = "/v1/orders/" + UUID.randomUUID();
        for (int i = 0; i < 40; i++) {
            given().get(path).then().statusCode(401);
        }
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(rows("authorization.refused.anonymous", "127.0.0.1", start)[0])
                        .isGreaterThanOrEqualTo(40));
        assertThat(rows("authorization.refused.anonymous", "127.0.0.1", start)[1])
                .as("one entry per address and interval, not per request")
                .isLessThan(40);
        assertThat(rows("authorization.refused", "GET " + path, start)[1]).isZero();
    }
}
