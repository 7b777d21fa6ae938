package integration.internal.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import operations.EventSpans;

/**
 * Sends due webhook deliveries (Standard Webhooks: {@code webhook-id}, {@code webhook-timestamp},
 * {@code webhook-signature: v1,<base64 HMAC-SHA256>}). A delivery is leased for one attempt, sent
 * outside any transaction, then recorded: delivered on 2xx, otherwise retried with exponential backoff
 * until {@code give-up-after} has passed since the event. Deliveries of one subject to one subscription
 * go one after the other, in event order. An attempt of an event with a trace context is a client span
 * of that trace, and the POST carries the span's {@code traceparent} header. Each attempt resolves the
 * target's host once, checks every address ({@link TargetPolicy#check}) and connects to the checked
 * address ({@link PinnedHttp}): a DNS answer that changes in between cannot redirect it (rebinding).
 */
@ApplicationScoped
class WebhookSender {

    private static final int BATCH = 20;
    private static final Duration MAX_DELAY = Duration.ofHours(4);

    private final WebhookRepository webhooks;
    private final WebhookService subscriptions;
    private final WebhookConfig config;
    private final TargetPolicy policy;
    private final PinnedHttp http;
    private final EventSpans spans;
    private final ObjectMapper json;

    WebhookSender(
            WebhookRepository webhooks,
            WebhookService subscriptions,
            WebhookConfig config,
            EventSpans spans,
            ObjectMapper json,
            io.vertx.core.Vertx vertx) {
        this.spans = spans;
        this.json = json;
        this.webhooks = webhooks;
        this.subscriptions = subscriptions;
        this.config = config;
        this.policy = new TargetPolicy(config.allowPrivateTargets(), config.allowHttp());
        this.http = new PinnedHttp(vertx, config.timeout());
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /** Attempts every due delivery; a delivered one lets the next of its subject go in the same call. */
    void sendDue() {
        Duration lease = config.timeout().multipliedBy(2).plusSeconds(30);
        List<WebhookRepository.Due> due;
        do {
            due = QuarkusTransaction.requiringNew().call(() -> webhooks.lease(lease, BATCH));
            due.forEach(this::attempt);
        } while (!due.isEmpty());
    }

    private void attempt(WebhookRepository.Due d) {
        Integer status = null;
        String error = null;
        // again: DNS may have changed since the subscription was made; the connection goes to this address
        TargetPolicy.Decision decision = policy.check(d.url());
        if (decision.refusal() != null) {
            error = "target refused: " + decision.refusal();
        } else {
            Optional<Span> span = spans.start(traceparentOf(d.payload()), "POST", SpanKind.CLIENT);
            try {
                status = post(
                        decision.target(), d, span.map(EventSpans::traceparent).orElse(null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
            } catch (Exception e) {
                error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            Integer answered = status;
            String failure = error;
            span.ifPresent(s -> end(s, d, answered, failure));
        }
        boolean ok = status != null && status >= 200 && status < 300;
        int attempts = d.attempts() + 1;
        Duration delay = config.firstRetryDelay().multipliedBy((long) Math.pow(4, Math.min(attempts - 1, 10)));
        if (delay.compareTo(MAX_DELAY) > 0) {
            delay = MAX_DELAY;
        }
        boolean giveUp = !ok && OffsetDateTime.now().isAfter(d.createdAt().plus(config.giveUpAfter()));
        String why = error != null ? error : ok ? null : "HTTP " + status;
        String outcome = ok ? "delivered" : giveUp ? "failed" : "pending";
        Integer code = status;
        Duration retryIn = delay;
        QuarkusTransaction.requiringNew()
                .run(() -> webhooks.recordAttempt(
                        d.id(), outcome, attempts, code, why == null ? null : truncate(why), retryIn, ok));
    }

    private int post(TargetPolicy.Target target, WebhookRepository.Due d, String traceparent) throws Exception {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String secret = subscriptions.secretOf(d.subscriptionId(), d.secretCiphertext());
        Map<String, String> headers = new LinkedHashMap<>();
        if (traceparent != null) {
            headers.put("traceparent", traceparent);
        }
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Quartermaster-Webhooks/1");
        headers.put("webhook-id", d.eventId().toString());
        headers.put("webhook-timestamp", timestamp);
        headers.put("webhook-signature", "v1," + sign(secret, d.eventId() + "." + timestamp + "." + d.payload()));
        return http.post(target, headers, d.payload(), config.timeout());
    }

    /** The event's stored trace context: the {@code traceparent} member of its CloudEvent. */
    private String traceparentOf(String payload) {
        try {
            JsonNode traceparent = json.readTree(payload).get("traceparent");
            return traceparent == null ? null : traceparent.asText();
        } catch (Exception e) {
            return null;
        }
    }

    private static void end(Span span, WebhookRepository.Due d, Integer status, String error) {
        span.setAttribute(AttributeKey.stringKey("http.request.method"), "POST");
        URI target = URI.create(d.url()); // without user info or query, which may hold credentials
        span.setAttribute(AttributeKey.stringKey("server.address"), String.valueOf(target.getHost()));
        span.setAttribute(AttributeKey.stringKey("url.path"), String.valueOf(target.getPath()));
        span.setAttribute(
                AttributeKey.stringKey("messaging.message.id"), d.eventId().toString());
        if (status != null) {
            span.setAttribute(AttributeKey.longKey("http.response.status_code"), status.longValue());
        }
        if (status == null || status >= 400) {
            span.setStatus(StatusCode.ERROR, error != null ? error : "HTTP " + status);
        }
        span.end();
    }

    private static String truncate(String error) {
        return error.substring(0, Math.min(500, error.length()));
    }

    /** The Standard Webhooks signature of {@code content} under a {@code whsec_} secret. */
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
