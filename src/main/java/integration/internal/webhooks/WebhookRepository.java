package integration.internal.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import platform.db.Jdbc;

/** Webhook subscriptions, the dispatcher's cursor and the deliveries, in the integration schema. */
@ApplicationScoped
public class WebhookRepository {

    private final Jdbc jdbc;

    WebhookRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored subscription (secret still encrypted); {@code position} is its place in the listing order. */
    record StoredSubscription(
            UUID id, UUID clientId, String url, List<String> eventTypes, OffsetDateTime createdAt, long position) {}

    /** A delivery row as the log shows it. */
    record StoredDelivery(WebhookService.Delivery delivery, long position) {}

    /** A delivery leased for one attempt, with what it takes to send it. */
    record Due(
            UUID id,
            long position,
            UUID eventId,
            String payload,
            int attempts,
            OffsetDateTime createdAt,
            String url,
            UUID subscriptionId,
            String secretCiphertext) {}

    /** A new delivery of one event to one subscription, in dispatch order. */
    record NewDelivery(UUID subscriptionId, UUID eventId, String eventType, String subject, String payload) {}

    void insertSubscription(
            UUID id, UUID clientId, String url, List<String> types, String secretCiphertext, OffsetDateTime at) {
        jdbc.update("""
                INSERT INTO integration.webhook_subscriptions (id, client_id, url, event_types, secret, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""", id, clientId, url, Jdbc.array("text", types), secretCiphertext, at);
    }

    List<StoredSubscription> subscriptions(UUID clientId, long afterPosition, int limit) {
        String listed =
                "SELECT id, client_id, url, event_types, created_at, row_number() OVER (ORDER BY created_at, id) AS n"
                        + " FROM integration.webhook_subscriptions WHERE deleted_at IS NULL"
                        + (clientId == null ? "" : " AND client_id = ?");
        String sql = "SELECT * FROM (" + listed + ") s WHERE n > ? ORDER BY n LIMIT ?";
        Object[] params =
                clientId == null ? new Object[] {afterPosition, limit} : new Object[] {clientId, afterPosition, limit};
        return jdbc.list(sql, WebhookRepository::subscription, params);
    }

    Optional<StoredSubscription> subscription(UUID id) {
        return jdbc.one("""
                SELECT id, client_id, url, event_types, created_at, 0 FROM integration.webhook_subscriptions
                 WHERE id = ? AND deleted_at IS NULL""", WebhookRepository::subscription, id);
    }

    /** Marks the subscription deleted and gives up its pending deliveries. */
    void delete(UUID id) {
        jdbc.update("UPDATE integration.webhook_subscriptions SET deleted_at = now() WHERE id = ?", id);
        jdbc.update("""
                UPDATE integration.webhook_deliveries SET status = 'failed', last_error = 'subscription deleted'
                 WHERE subscription_id = ? AND status = 'pending'""", id);
    }

    List<StoredDelivery> deliveries(UUID subscriptionId, long afterPosition, int limit) {
        return jdbc.list(
                """
                SELECT * FROM (SELECT id, event_id, event_type, status, attempts, last_status_code, last_error,
                                      next_attempt_at, created_at, delivered_at,
                                      row_number() OVER (ORDER BY created_at, id) AS n
                                 FROM integration.webhook_deliveries WHERE subscription_id = ?) d
                 WHERE n > ? ORDER BY n LIMIT ?""",
                rs -> {
                    OffsetDateTime delivered = rs.getObject(10, OffsetDateTime.class);
                    return new StoredDelivery(
                            new WebhookService.Delivery(
                                    rs.getObject(1, UUID.class),
                                    rs.getObject(2, UUID.class),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getInt(5),
                                    (Integer) rs.getObject(6),
                                    rs.getString(7),
                                    rs.getObject(8, OffsetDateTime.class).toInstant(),
                                    rs.getObject(9, OffsetDateTime.class).toInstant(),
                                    delivered == null ? null : delivered.toInstant()),
                            rs.getLong(11));
                },
                subscriptionId,
                afterPosition,
                limit);
    }

    /** The dispatcher's position in the outbox, locked for this transaction: one dispatcher at a time. */
    long[] lockCursor() {
        return jdbc.one("SELECT txid, seq FROM integration.webhook_cursor WHERE id = 1 FOR UPDATE", rs ->
                        new long[] {rs.getLong(1), rs.getLong(2)})
                .orElseThrow();
    }

    void moveCursor(long txid, long seq) {
        jdbc.update("UPDATE integration.webhook_cursor SET txid = ?, seq = ? WHERE id = 1", txid, seq);
    }

    /** Subscriptions that receive events: their id, client and event types. */
    List<StoredSubscription> active() {
        return jdbc.list("""
                SELECT id, client_id, url, event_types, created_at, 0 FROM integration.webhook_subscriptions
                 WHERE deleted_at IS NULL""", WebhookRepository::subscription);
    }

    /** Inserts deliveries in the given order (their positions follow it); an event already delivered is skipped. */
    void insertDeliveries(List<NewDelivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        jdbc.update(
                """
                INSERT INTO integration.webhook_deliveries (id, subscription_id, event_id, event_type, subject, payload,
                                                            status, attempts, next_attempt_at, created_at)
                SELECT gen_random_uuid(), d.subscription_id, d.event_id, d.event_type, d.subject, d.payload,
                       'pending', 0, now(), now()
                  FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY
                       AS d(subscription_id, event_id, event_type, subject, payload, n)
                 ORDER BY d.n
                ON CONFLICT (subscription_id, event_id) DO NOTHING""",
                Jdbc.array(
                        "uuid",
                        deliveries.stream().map(NewDelivery::subscriptionId).toList()),
                Jdbc.array("uuid", deliveries.stream().map(NewDelivery::eventId).toList()),
                Jdbc.array(
                        "text", deliveries.stream().map(NewDelivery::eventType).toList()),
                Jdbc.array("text", deliveries.stream().map(NewDelivery::subject).toList()),
                Jdbc.array("text", deliveries.stream().map(NewDelivery::payload).toList()));
    }

    /**
     * Leases due deliveries for one attempt each, so that no other instance sends them meanwhile. Only the
     * first pending delivery of each (subscription, subject) is due: the events of one order or SKU reach
     * a subscriber in the order they happened, whatever retries the earlier ones need.
     */
    List<Due> lease(Duration lease, int limit) {
        List<Due> due = new ArrayList<>(jdbc.list(
                """
                UPDATE integration.webhook_deliveries d SET next_attempt_at = now() + ?::interval
                  FROM integration.webhook_subscriptions s
                 WHERE s.id = d.subscription_id AND d.id IN (
                       SELECT p.id FROM integration.webhook_deliveries p
                        WHERE p.status = 'pending' AND p.next_attempt_at <= now()
                          AND NOT EXISTS (SELECT 1 FROM integration.webhook_deliveries e
                                           WHERE e.subscription_id = p.subscription_id AND e.subject = p.subject
                                             AND e.status = 'pending' AND e.position < p.position)
                        ORDER BY p.position LIMIT ? FOR UPDATE OF p SKIP LOCKED)
                RETURNING d.id, d.position, d.event_id, d.payload, d.attempts, d.created_at, s.url, s.id, s.secret""",
                rs -> new Due(
                        rs.getObject(1, UUID.class),
                        rs.getLong(2),
                        rs.getObject(3, UUID.class),
                        rs.getString(4),
                        rs.getInt(5),
                        rs.getObject(6, OffsetDateTime.class),
                        rs.getString(7),
                        rs.getObject(8, UUID.class),
                        rs.getString(9)),
                lease.toSeconds() + " seconds",
                limit));
        due.sort((a, b) -> Long.compare(a.position(), b.position()));
        return due;
    }

    /** Records one attempt of a leased delivery. */
    void recordAttempt(
            UUID id, String status, int attempts, Integer statusCode, String error, Duration retryIn, boolean ok) {
        jdbc.update("""
                UPDATE integration.webhook_deliveries
                   SET status = ?, attempts = ?, last_status_code = ?, last_error = ?,
                       next_attempt_at = now() + ?::interval,
                       delivered_at = CASE WHEN ? THEN now() ELSE NULL END
                 WHERE id = ? AND status = 'pending'""", status, attempts, statusCode, error, retryIn.toMillis() + " milliseconds", ok, id);
    }

    private static StoredSubscription subscription(ResultSet rs) throws SQLException {
        return new StoredSubscription(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                Arrays.asList((String[]) rs.getArray(4).getArray()),
                rs.getObject(5, OffsetDateTime.class),
                rs.getLong(6));
    }
}
