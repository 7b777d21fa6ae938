package integration.internal.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import testsupport.Db;

/**
 * The commit-safe read hands rows out in transaction-id order as numbers. It once sorted by the text of
 * the transaction id (the selected {@code txid::text} shadowed the column in {@code ORDER BY}): where the
 * ids change their number of digits, 100000 sorted before 99999, and a reader whose position had moved
 * past 100000 never saw the rows of 99999.
 */
@QuarkusTest
class CommittedOrderTest {

    @Inject
    OutboxRepository outbox;

    @Test
    void rowsComeInTransactionOrderWhereTheIdsGainADigit() throws Exception {
        UUID tenant = UUID.randomUUID(); // with the test's own type, only these rows match the reads below
        String type = "test.order_" + tenant.toString().substring(0, 8);
        try {
            readInTransactionOrder(tenant, type);
        } finally { // no other test's feed may meet a type outside the API's vocabulary
            try (Connection c = Db.superuser();
                    PreparedStatement delete = c.prepareStatement("DELETE FROM platform.outbox WHERE type = ?")) {
                delete.setString(1, type);
                delete.executeUpdate();
            }
        }
    }

    private void readInTransactionOrder(UUID tenant, String type) throws Exception {
        try (Connection c = Db.superuser();
                PreparedStatement insert = c.prepareStatement("""
                        INSERT INTO platform.outbox (id, source, type, subject, topic, tenant_id, time, data, txid, published_at)
                        VALUES (?, '/test', ?, ?, 'quartermaster.test', ?, now(), '{}', ?::text::xid8, now())""")) {
            for (long txid : new long[] {100_000, 99_999, 10_000, 9_999}) { // published: not the relay's; all committed
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, type);
                insert.setString(3, "tx-" + txid);
                insert.setObject(4, tenant);
                insert.setString(5, Long.toString(txid));
                insert.executeUpdate();
            }
        }

        List<String> pageByPage = new ArrayList<>();
        FeedPosition at = new FeedPosition(9_998, 0);
        for (int page = 0; page < 6; page++) {
            List<OutboxRecord> rows = outbox.committedAfter(at, 1, tenant, List.of(type));
            if (rows.isEmpty()) {
                break;
            }
            pageByPage.add(rows.get(0).subject());
            at = rows.get(0).position();
        }
        assertThat(pageByPage).containsExactly("tx-9999", "tx-10000", "tx-99999", "tx-100000");
        assertThat(outbox.committedAfter(new FeedPosition(9_998, 0), 10, tenant, List.of(type)).stream()
                        .map(OutboxRecord::subject))
                .containsExactly("tx-9999", "tx-10000", "tx-99999", "tx-100000");
    }
}
