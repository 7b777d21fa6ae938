package integration.internal.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import testsupport.Db;

/**
 * Readiness and the lag gauge read how many outbox rows wait for Kafka. Without Kafka (the default
 * profile here) nothing is ever published, so that count once read the whole outbox on every probe; it
 * now stops at a cap, and the oldest row is the first by position.
 */
@QuarkusTest
class WaitingCountTest {

    @Inject
    OutboxRepository outbox;

    @Test
    void theCountStopsAtItsCapAndTheOldestIsTheFirstWaiting() throws Exception {
        String type = "test.waiting_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = Db.superuser()) {
            try {
                countCapped(c, type);
            } finally { // no feed read from the start, no relay of a later profile, may meet these rows
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM platform.outbox WHERE type = ?")) {
                    delete.setString(1, type);
                    delete.executeUpdate();
                }
            }
        }
    }

    private void countCapped(Connection c, String type) throws Exception {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO platform.outbox (id, source, type, subject, topic, tenant_id, time, data, txid)
                VALUES (?, '/test', ?, 'waiting', 'quartermaster.test', ?, now(), '{}', '5'::xid8)""")) {
            for (int i = 0; i < 3; i++) { // behind every stream's and dispatcher's position
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, type);
                insert.setObject(3, UUID.randomUUID());
                insert.executeUpdate();
            }
        }
        long all;
        long oldestSeconds;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        SELECT count(*), extract(epoch FROM now() - (SELECT time FROM platform.outbox
                                                                      WHERE published_at IS NULL ORDER BY seq LIMIT 1))::bigint
                          FROM platform.outbox WHERE published_at IS NULL""")) {
            rs.next();
            all = rs.getLong(1);
            oldestSeconds = rs.getLong(2);
        }
        assertThat(all).isGreaterThanOrEqualTo(3);

        assertThat(outbox.waiting(2).rows()).isEqualTo(2);
        assertThat(outbox.waiting(all + 10).rows()).isGreaterThanOrEqualTo(all);
        assertThat(outbox.waiting(2).oldestSeconds()).isBetween(oldestSeconds, oldestSeconds + 60);
    }
}
