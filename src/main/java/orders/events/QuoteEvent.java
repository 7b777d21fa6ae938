package orders.events;

import java.time.Instant;
import java.util.UUID;
import orders.QuoteView;
import platform.outbox.OutboxEvent;

/**
 * A quote was created, accepted, cancelled or expired ({@code quote.created}, {@code quote.accepted},
 * {@code quote.cancelled}, {@code quote.expired}): topic {@code quartermaster.orders}, keyed by quote id,
 * belonging to the quote's client, carrying the quote as {@code GET /v1/quotes/{id}} shows it then.
 */
public record QuoteEvent(String type, QuoteView quote, Instant occurredAt) implements OutboxEvent {

    public static final String CREATED = "quote.created";
    public static final String ACCEPTED = "quote.accepted";
    public static final String CANCELLED = "quote.cancelled";
    public static final String EXPIRED = "quote.expired";
    public static final String SOURCE = "/orders";
    public static final int SCHEMA_VERSION = 1;

    public static QuoteEvent of(String type, QuoteView quote) {
        return new QuoteEvent(type, quote, Instant.now());
    }

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public String subject() {
        return quote.id().toString();
    }

    @Override
    public String topic() {
        return OrderEvent.TOPIC;
    }

    @Override
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }

    @Override
    public UUID tenantId() {
        return quote.clientId();
    }

    @Override
    public Object data() {
        return quote;
    }
}
