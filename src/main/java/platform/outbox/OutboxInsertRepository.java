package platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import platform.db.Jdbc;

/** Inserts outbox rows in one set-based statement ({@code unnest} of arrays). */
@ApplicationScoped
class OutboxInsertRepository {

    private static final String INSERT = """
            INSERT INTO platform.outbox (id, source, type, subject, topic, schema_version, tenant_id, time, data,
                                         traceparent)
            SELECT e.id, e.source, e.type, e.subject, e.topic, e.schema_version, e.tenant_id, e.time::timestamptz, e.data::jsonb,
                   e.traceparent
              FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::uuid[],
                          ?::text[], ?::text[], ?::text[])
                   AS e(id, source, type, subject, topic, schema_version, tenant_id, time, data, traceparent)""";

    private final Jdbc jdbc;

    OutboxInsertRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** One row as written. */
    record Row(
            UUID id,
            String source,
            String type,
            String subject,
            String topic,
            int schemaVersion,
            UUID tenantId,
            OffsetDateTime time,
            String data,
            String traceparent) {}

    void insert(List<Row> rows) {
        jdbc.update(
                INSERT,
                Jdbc.array("uuid", rows.stream().map(Row::id).toList()),
                Jdbc.array("text", rows.stream().map(Row::source).toList()),
                Jdbc.array("text", rows.stream().map(Row::type).toList()),
                Jdbc.array("text", rows.stream().map(Row::subject).toList()),
                Jdbc.array("text", rows.stream().map(Row::topic).toList()),
                Jdbc.array("int4", rows.stream().map(Row::schemaVersion).toList()),
                Jdbc.array("uuid", rows.stream().map(Row::tenantId).toList()),
                Jdbc.array("text", rows.stream().map(r -> r.time().toString()).toList()),
                Jdbc.array("text", rows.stream().map(Row::data).toList()),
                Jdbc.array("text", rows.stream().map(Row::traceparent).toList()));
    }
}
