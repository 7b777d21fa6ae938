package platform.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import platform.page.Page;

/**
 * The outbox as a pull feed of CloudEvents, in (transaction, row) order. A page only holds rows whose
 * transaction is older than every transaction still running; no row can later appear before a position
 * already handed out, so a consumer that follows {@code nextCursor} never misses an event. Within one
 * SKU or order, {@code data.version} gives the order of changes.
 */
@ApplicationScoped
public class EventFeed {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AgroalDataSource dataSource;

    EventFeed(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Events after {@code afterSeq}; a tenant sees its own events and every event that belongs to no
     * tenant (stock), an operator ({@code tenant} null) sees all.
     */
    public Page<CloudEvent> read(FeedPosition after, int limit, List<String> types, UUID tenant) {
        StringBuilder sql = new StringBuilder("""
                SELECT seq, id, source, type, subject, tenant_id, time, data::text, txid::text FROM platform.outbox
                 WHERE (txid, seq) > (?::text::xid8, ?) AND txid < pg_snapshot_xmin(pg_current_snapshot())""");
        if (tenant != null) {
            sql.append(" AND (tenant_id = ? OR tenant_id IS NULL)");
        }
        if (!types.isEmpty()) {
            sql.append(" AND type = ANY(?)");
        }
        sql.append(" ORDER BY txid, seq LIMIT ?");
        List<CloudEvent> events = new ArrayList<>();
        List<FeedPosition> positions = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setString(i++, Long.toString(after.txid()));
            ps.setLong(i++, after.seq());
            if (tenant != null) {
                ps.setObject(i++, tenant);
            }
            if (!types.isEmpty()) {
                ps.setArray(i++, c.createArrayOf("text", types.toArray()));
            }
            ps.setInt(i, limit + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    positions.add(new FeedPosition(Long.parseLong(rs.getString(9)), rs.getLong(1)));
                    UUID tenantId = rs.getObject(6, UUID.class);
                    JsonNode data = MAPPER.readTree(rs.getString(8));
                    events.add(new CloudEvent(
                            "1.0",
                            rs.getObject(2, UUID.class).toString(),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getObject(7, OffsetDateTime.class).toInstant(),
                            "application/json",
                            tenantId == null ? null : tenantId.toString(),
                            data));
                }
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot read the event feed", e);
        }
        boolean more = events.size() > limit;
        List<CloudEvent> page = more ? events.subList(0, limit) : events;
        String next;
        if (more) {
            next = positions.get(limit - 1).encode();
        } else {
            // the consumer resumes after the last event it got, or where it was
            next = (page.isEmpty() ? after : positions.get(page.size() - 1)).encode();
        }
        return new Page<>(page, next);
    }
}
