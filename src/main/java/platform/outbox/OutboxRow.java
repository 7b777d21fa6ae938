package platform.outbox;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One event as the outbox stores it, serialised once, for a repository that writes it inside a
 * statement of its own (a set-based placement that writes its rows and its event in one round trip,
 * ADR 0053). {@link #INSERT_COLUMNS} and {@link #VALUES} bind its fields in the order of {@link #params}.
 */
public record OutboxRow(
        UUID id,
        String source,
        String type,
        String subject,
        String topic,
        int schemaVersion,
        UUID tenantId,
        OffsetDateTime time,
        String data,
        String traceparent) {

    /** {@code INSERT INTO platform.outbox (…)}: followed by {@link #VALUES}. */
    public static final String INSERT_COLUMNS =
            "INSERT INTO platform.outbox (id, source, type, subject, topic, schema_version, tenant_id, time, data,"
                    + " traceparent)";

    /** The ten placeholders of {@link #params}. */
    public static final String VALUES = "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)";

    /** The values of {@link #VALUES}, in order. */
    public Object[] params() {
        return new Object[] {id, source, type, subject, topic, schemaVersion, tenantId, time, data, traceparent};
    }
}
