package platform.webhooks;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import platform.crypto.FieldCipher;
import platform.error.DomainException;
import platform.error.ErrorCode;
import platform.error.Validation;
import platform.id.Ids;
import platform.page.Page;
import platform.page.SequenceCursor;

/** A client's webhook subscriptions and their delivery log. */
@ApplicationScoped
public class WebhookService {

    static final Set<String> EVENT_TYPES = Set.of("order.created", "order.status_changed", "inventory.stock_changed");

    private final AgroalDataSource dataSource;
    private final FieldCipher cipher;
    private final WebhookConfig config;
    private final SecureRandom random = new SecureRandom();

    WebhookService(AgroalDataSource dataSource, FieldCipher cipher, WebhookConfig config) {
        this.dataSource = dataSource;
        this.cipher = cipher;
        this.config = config;
    }

    /** A subscription; {@code secret} only in the answer that created it. */
    @Schema(
            name = "WebhookSubscription",
            requiredProperties = {"id", "clientId", "url", "eventTypes", "createdAt"})
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Subscription(
            UUID id,
            UUID clientId,
            String url,

            @Schema(type = SchemaType.ARRAY, implementation = apidoc.Vocabulary.EventType.class)
            List<String> eventTypes,

            @Schema(description = "whsec_… signing secret, shown once")
            String secret,

            Instant createdAt) {}

    /** One delivery of one event to one subscription. */
    @Schema(
            name = "WebhookDelivery",
            requiredProperties = {
                "id",
                "eventId",
                "eventType",
                "status",
                "attempts",
                "lastStatusCode",
                "lastError",
                "nextAttemptAt",
                "createdAt",
                "deliveredAt"
            })
    public record Delivery(
            UUID id,
            UUID eventId,

            @Schema(implementation = apidoc.Vocabulary.EventType.class)
            String eventType,

            @Schema(enumeration = {"pending", "delivered", "failed"})
            String status,

            int attempts,
            @Schema(nullable = true) Integer lastStatusCode,
            @Schema(nullable = true) String lastError,
            @Schema(nullable = true) Instant nextAttemptAt,
            Instant createdAt,
            @Schema(nullable = true) Instant deliveredAt) {}

    @Transactional
    public Subscription create(UUID clientId, String url, List<String> eventTypes) {
        Validation v = new Validation();
        if (url == null || url.length() > 2000) {
            v.add("/url", "invalid", "url is required (at most 2000 characters)");
        } else {
            new TargetPolicy(config.allowPrivateTargets(), config.allowHttp())
                    .refusal(url)
                    .ifPresent(reason -> v.add("/url", "forbidden_target", reason));
        }
        if (eventTypes == null || eventTypes.isEmpty()) {
            v.add("/eventTypes", "invalid", "name at least one of " + String.join(", ", EVENT_TYPES));
        } else {
            for (int i = 0; i < eventTypes.size(); i++) {
                if (!EVENT_TYPES.contains(eventTypes.get(i))) {
                    v.add("/eventTypes/" + i, "invalid", "must be one of " + String.join(", ", EVENT_TYPES));
                }
            }
        }
        v.throwIfInvalid();
        byte[] key = new byte[24];
        random.nextBytes(key);
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        UUID id = Ids.newId();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        List<String> types = eventTypes.stream().distinct().toList();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO platform.webhook_subscriptions (id, client_id, url, event_types, secret, created_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")) {
            ps.setObject(1, id);
            ps.setObject(2, clientId);
            ps.setString(3, url);
            ps.setArray(4, c.createArrayOf("text", types.toArray()));
            ps.setString(5, cipher.encrypt(secret, context(id)));
            ps.setObject(6, now);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the subscription", e);
        }
        return new Subscription(id, clientId, url, types, secret, now.toInstant());
    }

    @Transactional
    public Page<Subscription> list(UUID clientId, long afterPosition, int limit) {
        List<Subscription> rows = new ArrayList<>();
        String sql =
                "SELECT id, client_id, url, event_types, created_at, row_number() OVER (ORDER BY created_at, id) AS n "
                        + "FROM platform.webhook_subscriptions WHERE deleted_at IS NULL"
                        + (clientId == null ? "" : " AND client_id = ?");
        List<Long> positions = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT * FROM (" + sql + ") s WHERE n > ? ORDER BY n LIMIT ?")) {
            int i = 1;
            if (clientId != null) {
                ps.setObject(i++, clientId);
            }
            ps.setLong(i++, afterPosition);
            ps.setInt(i, limit + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Subscription(
                            rs.getObject(1, UUID.class),
                            rs.getObject(2, UUID.class),
                            rs.getString(3),
                            Arrays.asList((String[]) rs.getArray(4).getArray()),
                            null,
                            rs.getObject(5, OffsetDateTime.class).toInstant()));
                    positions.add(rs.getLong(6));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list subscriptions", e);
        }
        boolean more = rows.size() > limit;
        return new Page<>(
                more ? rows.subList(0, limit) : rows, more ? SequenceCursor.encode(positions.get(limit - 1)) : null);
    }

    @Transactional
    public Subscription get(UUID id, UUID clientId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT id, client_id, url, event_types, created_at FROM platform.webhook_subscriptions
                         WHERE id = ? AND deleted_at IS NULL""")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || (clientId != null && !clientId.equals(rs.getObject(2, UUID.class)))) {
                    throw notFound(id);
                }
                return new Subscription(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        Arrays.asList((String[]) rs.getArray(4).getArray()),
                        null,
                        rs.getObject(5, OffsetDateTime.class).toInstant());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the subscription", e);
        }
    }

    /** Stops deliveries: pending ones are marked failed, the log stays readable by nobody (the subscription is gone). */
    @Transactional
    public void delete(UUID id, UUID clientId) {
        get(id, clientId);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE platform.webhook_subscriptions SET deleted_at = now() WHERE id = ?");
                PreparedStatement stop = c.prepareStatement("""
                        UPDATE platform.webhook_deliveries SET status = 'failed', last_error = 'subscription deleted'
                         WHERE subscription_id = ? AND status = 'pending'""")) {
            ps.setObject(1, id);
            ps.executeUpdate();
            stop.setObject(1, id);
            stop.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete the subscription", e);
        }
    }

    @Transactional
    public Page<Delivery> deliveries(UUID subscriptionId, UUID clientId, long afterPosition, int limit) {
        get(subscriptionId, clientId);
        List<Delivery> rows = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT * FROM (SELECT id, event_id, event_type, status, attempts, last_status_code, last_error,
                                              next_attempt_at, created_at, delivered_at,
                                              row_number() OVER (ORDER BY created_at, id) AS n
                                         FROM platform.webhook_deliveries WHERE subscription_id = ?) d
                         WHERE n > ? ORDER BY n LIMIT ?""")) {
            ps.setObject(1, subscriptionId);
            ps.setLong(2, afterPosition);
            ps.setInt(3, limit + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime delivered = rs.getObject(10, OffsetDateTime.class);
                    rows.add(new Delivery(
                            rs.getObject(1, UUID.class),
                            rs.getObject(2, UUID.class),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getInt(5),
                            (Integer) rs.getObject(6),
                            rs.getString(7),
                            rs.getObject(8, OffsetDateTime.class).toInstant(),
                            rs.getObject(9, OffsetDateTime.class).toInstant(),
                            delivered == null ? null : delivered.toInstant()));
                    positions.add(rs.getLong(11));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read deliveries", e);
        }
        boolean more = rows.size() > limit;
        return new Page<>(
                more ? rows.subList(0, limit) : rows, more ? SequenceCursor.encode(positions.get(limit - 1)) : null);
    }

    String secretOf(UUID subscriptionId, String ciphertext) {
        return cipher.decrypt(ciphertext, context(subscriptionId));
    }

    static String context(UUID id) {
        return "platform.webhook_subscriptions.secret:" + id;
    }

    private static DomainException notFound(UUID id) {
        return new DomainException(ErrorCode.NOT_FOUND, "No webhook subscription " + id);
    }
}
