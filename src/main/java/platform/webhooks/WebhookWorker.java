package platform.webhooks;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;
import platform.db.DatabaseBootstrap;

/**
 * Turns outbox events into webhook deliveries and sends them (Standard Webhooks: {@code webhook-id},
 * {@code webhook-timestamp}, {@code webhook-signature: v1,<base64 HMAC-SHA256>}). A delivery is leased
 * for one attempt, sent outside any transaction, then recorded: delivered on 2xx, otherwise retried
 * with exponential backoff until {@code give-up-after} has passed since the event.
 */
@ApplicationScoped
public class WebhookWorker {

    private static final Logger LOG = Logger.getLogger(WebhookWorker.class);
    private static final int BATCH = 20;
    private static final Duration MAX_DELAY = Duration.ofHours(4);

    private final AgroalDataSource dataSource;
    private final WebhookService subscriptions;
    private final WebhookConfig config;
    private final TargetPolicy policy;
    private final HttpClient http;
    private ScheduledExecutorService scheduler;

    WebhookWorker(AgroalDataSource dataSource, WebhookService subscriptions, WebhookConfig config) {
        this.dataSource = dataSource;
        this.subscriptions = subscriptions;
        this.config = config;
        this.policy = new TargetPolicy(config.allowPrivateTargets(), config.allowHttp());
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.timeout())
                .build();
    }

    private record Due(
            UUID id,
            UUID eventId,
            String payload,
            int attempts,
            OffsetDateTime createdAt,
            String url,
            UUID subscriptionId,
            String secretCiphertext) {}

    void start(@Observes @Priority(DatabaseBootstrap.PRIORITY + 100) StartupEvent event) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "webhooks");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(50, config.pollInterval().toMillis());
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        runOnce();
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "webhook delivery round failed; retrying");
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** One round: new events become deliveries, then every due delivery is attempted. */
    public void runOnce() {
        while (QuarkusTransaction.requiringNew().call(this::dispatch) > 0) {
            // keep going while the outbox has new events
        }
        List<Due> due;
        do {
            due = QuarkusTransaction.requiringNew().call(this::lease);
            due.forEach(this::attempt);
        } while (due.size() == BATCH);
    }

    /** Creates deliveries for the next events after the cursor; returns how many events were passed. */
    private int dispatch() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            long txid;
            long seq;
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT txid, seq FROM platform.webhook_cursor WHERE id = 1 FOR UPDATE");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                txid = rs.getLong(1);
                seq = rs.getLong(2);
            }
            long lastTxid;
            long lastSeq;
            int events = 0;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT txid::text, seq FROM platform.outbox
                     WHERE (txid, seq) > (?::text::xid8, ?) AND txid < pg_snapshot_xmin(pg_current_snapshot())
                     ORDER BY txid, seq LIMIT 1000""")) {
                ps.setString(1, Long.toString(txid));
                ps.setLong(2, seq);
                lastTxid = txid;
                lastSeq = seq;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lastTxid = Long.parseLong(rs.getString(1));
                        lastSeq = rs.getLong(2);
                        events++;
                    }
                }
            }
            if (events == 0) {
                return 0;
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO platform.webhook_deliveries (id, subscription_id, event_id, event_type, payload, status,
                                                             attempts, next_attempt_at, created_at)
                    SELECT gen_random_uuid(), s.id, o.id, o.type,
                           (jsonb_build_object('specversion', '1.0', 'id', o.id, 'source', o.source, 'type', o.type,
                                               'subject', o.subject, 'time', o.time, 'datacontenttype', 'application/json',
                                               'data', o.data)
                            || CASE WHEN o.tenant_id IS NULL THEN '{}'::jsonb
                                    ELSE jsonb_build_object('tenantid', o.tenant_id) END)::text,
                           'pending', 0, now(), now()
                      FROM platform.outbox o
                      JOIN platform.webhook_subscriptions s
                        ON s.deleted_at IS NULL AND o.type = ANY (s.event_types)
                       AND (o.tenant_id IS NULL OR o.tenant_id = s.client_id)
                     WHERE (o.txid, o.seq) > (?::text::xid8, ?) AND (o.txid, o.seq) <= (?::text::xid8, ?)
                    ON CONFLICT (subscription_id, event_id) DO NOTHING""")) {
                ps.setString(1, Long.toString(txid));
                ps.setLong(2, seq);
                ps.setString(3, Long.toString(lastTxid));
                ps.setLong(4, lastSeq);
                ps.executeUpdate();
            }
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE platform.webhook_cursor SET txid = ?, seq = ? WHERE id = 1")) {
                ps.setLong(1, lastTxid);
                ps.setLong(2, lastSeq);
                ps.executeUpdate();
            }
            return events;
        }
    }

    /** Leases due deliveries for one attempt each, so no other instance sends them meanwhile. */
    private List<Due> lease() throws SQLException {
        List<Due> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        UPDATE platform.webhook_deliveries d SET next_attempt_at = now() + ?::interval
                          FROM platform.webhook_subscriptions s
                         WHERE s.id = d.subscription_id AND d.id IN (
                               SELECT id FROM platform.webhook_deliveries
                                WHERE status = 'pending' AND next_attempt_at <= now()
                                ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
                        RETURNING d.id, d.event_id, d.payload, d.attempts, d.created_at, s.url, s.id, s.secret""")) {
            ps.setString(1, (config.timeout().toSeconds() * 2 + 30) + " seconds");
            ps.setInt(2, BATCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(
                            rs.getObject(1, UUID.class),
                            rs.getObject(2, UUID.class),
                            rs.getString(3),
                            rs.getInt(4),
                            rs.getObject(5, OffsetDateTime.class),
                            rs.getString(6),
                            rs.getObject(7, UUID.class),
                            rs.getString(8)));
                }
            }
        }
        return due;
    }

    private void attempt(Due d) {
        Integer status = null;
        String error = null;
        var refusal = policy.refusal(d.url()); // again: DNS may have changed since the subscription was made
        if (refusal.isPresent()) {
            error = "target refused: " + refusal.get();
        } else {
            try {
                String timestamp = Long.toString(System.currentTimeMillis() / 1000);
                String secret = subscriptions.secretOf(d.subscriptionId(), d.secretCiphertext());
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(URI.create(d.url()))
                                .timeout(config.timeout())
                                .header("Content-Type", "application/json")
                                .header("User-Agent", "Quartermaster-Webhooks/1")
                                .header("webhook-id", d.eventId().toString())
                                .header("webhook-timestamp", timestamp)
                                .header(
                                        "webhook-signature",
                                        "v1," + sign(secret, d.eventId() + "." + timestamp + "." + d.payload()))
                                .POST(HttpRequest.BodyPublishers.ofString(d.payload(), StandardCharsets.UTF_8))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                status = response.statusCode();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
            } catch (Exception e) {
                error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
        }
        boolean ok = status != null && status >= 200 && status < 300;
        Integer code = status;
        String why = error != null ? error : ok ? null : "HTTP " + status;
        QuarkusTransaction.requiringNew().run(() -> record(d, ok, code, why));
    }

    private void record(Due d, boolean ok, Integer status, String error) {
        int attempts = d.attempts() + 1;
        Duration delay = config.firstRetryDelay().multipliedBy((long) Math.pow(4, Math.min(attempts - 1, 10)));
        if (delay.compareTo(MAX_DELAY) > 0) {
            delay = MAX_DELAY;
        }
        boolean giveUp = !ok && OffsetDateTime.now().isAfter(d.createdAt().plus(config.giveUpAfter()));
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        UPDATE platform.webhook_deliveries
                           SET status = ?, attempts = ?, last_status_code = ?, last_error = ?,
                               next_attempt_at = now() + ?::interval,
                               delivered_at = CASE WHEN ? THEN now() ELSE NULL END
                         WHERE id = ? AND status = 'pending'""")) {
            ps.setString(1, ok ? "delivered" : giveUp ? "failed" : "pending");
            ps.setInt(2, attempts);
            ps.setObject(3, status);
            ps.setString(4, error == null ? null : error.substring(0, Math.min(500, error.length())));
            ps.setString(5, delay.toMillis() + " milliseconds");
            ps.setBoolean(6, ok);
            ps.setObject(7, d.id());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record a webhook attempt", e);
        }
    }

    static String sign(String secret, String content) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring(6) : secret);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
