package integration.internal.outbox;

import java.time.Instant;
import java.util.UUID;

/** One outbox row as read back: its position, the CloudEvents attributes and the data as stored JSON. */
public record OutboxRecord(
        FeedPosition position,
        UUID id,
        String source,
        String type,
        String subject,
        String topic,
        int schemaVersion,
        UUID tenantId,
        Instant time,
        String data,
        String traceparent) {

    /** The row's insertion number, which for one subject is commit order. */
    public long seq() {
        return position.seq();
    }
}
