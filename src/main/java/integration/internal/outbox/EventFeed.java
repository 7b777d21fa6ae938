package integration.internal.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import platform.page.Page;

/**
 * The outbox as a pull feed of CloudEvents, in commit-safe (transaction, row) order: a consumer that
 * follows {@code nextCursor} never misses an event. Within one SKU or order, {@code data.version} gives
 * the order of changes.
 */
@ApplicationScoped
public class EventFeed {

    private final OutboxRepository outbox;
    private final CloudEvents envelopes;

    EventFeed(OutboxRepository outbox, CloudEvents envelopes) {
        this.outbox = outbox;
        this.envelopes = envelopes;
    }

    /**
     * Events after a position; a tenant sees its own events and every event that belongs to no tenant
     * (stock), an operator ({@code tenant} null) sees all.
     */
    public Page<CloudEvent> read(FeedPosition after, int limit, List<String> types, UUID tenant) {
        List<OutboxRecord> rows = outbox.committedAfter(after, limit + 1, tenant, types);
        boolean more = rows.size() > limit;
        List<OutboxRecord> page = more ? rows.subList(0, limit) : rows;
        // the consumer resumes after the last event it got, or where it was
        FeedPosition next = page.isEmpty() ? after : page.get(page.size() - 1).position();
        return new Page<>(page.stream().map(envelopes::of).toList(), next.encode());
    }
}
