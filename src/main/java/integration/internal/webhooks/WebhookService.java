package integration.internal.webhooks;

import apidoc.Vocabulary;
import integration.internal.outbox.EventCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
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

    private final WebhookRepository webhooks;
    private final EventCatalog catalog;
    private final FieldCipher cipher;
    private final WebhookConfig config;
    private final SecureRandom random = new SecureRandom();

    WebhookService(WebhookRepository webhooks, EventCatalog catalog, FieldCipher cipher, WebhookConfig config) {
        this.webhooks = webhooks;
        this.catalog = catalog;
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

            @Schema(type = SchemaType.ARRAY, implementation = Vocabulary.EventType.class)
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

            @Schema(implementation = Vocabulary.EventType.class)
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
        String known = String.join(", ", catalog.types());
        if (eventTypes == null || eventTypes.isEmpty()) {
            v.add("/eventTypes", "invalid", "name at least one of " + known);
        } else {
            for (int i = 0; i < eventTypes.size(); i++) {
                if (!catalog.knows(eventTypes.get(i))) {
                    v.add("/eventTypes/" + i, "invalid", "must be one of " + known);
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
        webhooks.insertSubscription(id, clientId, url, types, cipher.encrypt(secret, context(id)), now);
        return new Subscription(id, clientId, url, types, secret, now.toInstant());
    }

    @Transactional
    public Page<Subscription> list(UUID clientId, long afterPosition, int limit) {
        List<WebhookRepository.StoredSubscription> rows = webhooks.subscriptions(clientId, afterPosition, limit + 1);
        boolean more = rows.size() > limit;
        List<WebhookRepository.StoredSubscription> page = more ? rows.subList(0, limit) : rows;
        return new Page<>(
                page.stream().map(WebhookService::view).toList(),
                more ? SequenceCursor.encode(page.get(limit - 1).position()) : null);
    }

    @Transactional
    public Subscription get(UUID id, UUID clientId) {
        return webhooks.subscription(id)
                .filter(s -> clientId == null || clientId.equals(s.clientId()))
                .map(WebhookService::view)
                .orElseThrow(() -> notFound(id));
    }

    /** Stops deliveries: pending ones are marked failed, the log stays readable by nobody (the subscription is gone). */
    @Transactional
    public void delete(UUID id, UUID clientId) {
        get(id, clientId);
        webhooks.delete(id);
    }

    @Transactional
    public Page<Delivery> deliveries(UUID subscriptionId, UUID clientId, long afterPosition, int limit) {
        get(subscriptionId, clientId);
        List<WebhookRepository.StoredDelivery> rows = webhooks.deliveries(subscriptionId, afterPosition, limit + 1);
        boolean more = rows.size() > limit;
        List<WebhookRepository.StoredDelivery> page = more ? rows.subList(0, limit) : rows;
        return new Page<>(
                page.stream().map(WebhookRepository.StoredDelivery::delivery).toList(),
                more ? SequenceCursor.encode(page.get(limit - 1).position()) : null);
    }

    private static Subscription view(WebhookRepository.StoredSubscription s) {
        return new Subscription(
                s.id(),
                s.clientId(),
                s.url(),
                s.eventTypes(),
                null,
                s.createdAt().toInstant());
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
