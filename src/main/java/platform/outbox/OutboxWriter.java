package platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import platform.id.Ids;

/**
 * Appends events to the outbox inside the caller's transaction, so an event exists exactly when the
 * change it describes was committed. Many events go in one statement ({@code unnest} of arrays).
 */
@ApplicationScoped
public class OutboxWriter {

    private static final String INSERT = """
            INSERT INTO platform.outbox (id, source, type, subject, topic, tenant_id, time, data)
            SELECT e.id, e.source, e.type, e.subject, e.topic, e.tenant_id, ?, e.data::jsonb
              FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::text[])
                   AS e(id, source, type, subject, topic, tenant_id, data)""";

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    OutboxWriter(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Writes the events; must run inside the transaction of the change they describe. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(List<OutboxEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        int n = events.size();
        UUID[] ids = new UUID[n];
        String[] sources = new String[n];
        String[] types = new String[n];
        String[] subjects = new String[n];
        String[] topics = new String[n];
        UUID[] tenants = new UUID[n];
        String[] data = new String[n];
        for (int i = 0; i < n; i++) {
            OutboxEvent e = events.get(i);
            ids[i] = Ids.newId();
            sources[i] = e.source();
            types[i] = e.type();
            subjects[i] = e.subject();
            topics[i] = e.topic();
            tenants[i] = e.tenantId();
            try {
                data[i] = json.writeValueAsString(e.data());
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("event data is not serialisable: " + e.type(), ex);
            }
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setObject(1, OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
            ps.setArray(2, c.createArrayOf("uuid", ids));
            ps.setArray(3, c.createArrayOf("text", sources));
            ps.setArray(4, c.createArrayOf("text", types));
            ps.setArray(5, c.createArrayOf("text", subjects));
            ps.setArray(6, c.createArrayOf("text", topics));
            ps.setArray(7, c.createArrayOf("uuid", tenants));
            ps.setArray(8, c.createArrayOf("text", data));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write to the outbox", e);
        }
    }
}
