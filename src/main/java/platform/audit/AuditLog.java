package platform.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import platform.page.Page;
import platform.page.SequenceCursor;

/** Reads and verifies the audit chain. */
@ApplicationScoped
public class AuditLog {

    private final AgroalDataSource dataSource;
    private final AuditChain chain;

    AuditLog(AgroalDataSource dataSource, AuditChain chain) {
        this.dataSource = dataSource;
        this.chain = chain;
    }

    /** One entry as {@code GET /v1/audit} shows it; hashes in hex. */
    @Schema(
            name = "AuditEntry",
            requiredProperties = {
                "seq",
                "id",
                "at",
                "actor",
                "tenantId",
                "traceId",
                "action",
                "subject",
                "details",
                "prevHash",
                "hash"
            })
    public record View(
            long seq,
            UUID id,
            Instant at,

            @Schema(nullable = true, description = "the credential or client id that acted")
            String actor,

            @Schema(nullable = true, description = "the client concerned; null for operator-wide actions")
            UUID tenantId,

            @Schema(nullable = true) String traceId,
            String action,
            @Schema(nullable = true) String subject,

            @Schema(
                    type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT,
                    implementation = java.util.Map.class,
                    nullable = true,
                    description = "free-form JSON object")
            com.fasterxml.jackson.databind.JsonNode details,

            @Schema(nullable = true, description = "SHA-256 of the previous entry, hex")
            String prevHash,

            @Schema(description = "SHA-256 of this entry, hex")
            String hash) {}

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
            new com.fasterxml.jackson.databind.ObjectMapper();

    public Page<View> list(long afterSeq, int limit, String action, UUID tenantId) {
        chain.chainAll();
        StringBuilder sql =
                new StringBuilder("SELECT seq, id, at, actor, tenant_id, trace_id, action, subject, details::text, "
                        + "prev_hash, hash FROM platform.audit_log WHERE seq > ?");
        if (action != null) {
            sql.append(" AND action = ?");
        }
        if (tenantId != null) {
            sql.append(" AND tenant_id = ?");
        }
        sql.append(" ORDER BY seq LIMIT ?");
        List<View> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setLong(i++, afterSeq);
            if (action != null) {
                ps.setString(i++, action);
            }
            if (tenantId != null) {
                ps.setObject(i++, tenantId);
            }
            ps.setInt(i, limit + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new View(
                            rs.getLong(1),
                            rs.getObject(2, UUID.class),
                            rs.getObject(3, OffsetDateTime.class).toInstant(),
                            rs.getString(4),
                            rs.getObject(5, UUID.class),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8),
                            MAPPER.readTree(rs.getString(9)),
                            HexFormat.of().formatHex(rs.getBytes(10)),
                            HexFormat.of().formatHex(rs.getBytes(11))));
                }
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot read the audit log", e);
        }
        boolean more = rows.size() > limit;
        List<View> page = more ? rows.subList(0, limit) : rows;
        return new Page<>(
                page, more ? SequenceCursor.encode(page.get(page.size() - 1).seq()) : null);
    }

    /** Recomputes the whole chain; the answer of {@code GET /v1/audit/verify}. */
    public Map<String, Object> verify() {
        chain.chainAll();
        byte[] previous = AuditChain.GENESIS;
        long expectedSeq = 1;
        long checked = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // lets the driver stream the rows instead of loading them all
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT seq, id, at, actor, tenant_id, trace_id, action, subject, details::text, prev_hash, hash
                      FROM platform.audit_log ORDER BY seq""")) {
                ps.setFetchSize(2000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        AuditChain.Entry e = new AuditChain.Entry(
                                rs.getLong(1),
                                rs.getObject(2, UUID.class),
                                rs.getObject(3, OffsetDateTime.class),
                                rs.getString(4),
                                rs.getObject(5, UUID.class),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getString(8),
                                rs.getString(9));
                        byte[] prevHash = rs.getBytes(10);
                        byte[] hash = rs.getBytes(11);
                        String problem = null;
                        if (e.seq() != expectedSeq) {
                            problem = "entry " + expectedSeq + " is missing";
                        } else if (!MessageDigest.isEqual(prevHash, previous)) {
                            problem = "prevHash does not match the hash of the entry before";
                        } else if (!MessageDigest.isEqual(hash, e.hash(previous))) {
                            problem = "content does not match its hash";
                        }
                        if (problem != null) {
                            c.rollback();
                            Map<String, Object> broken = new LinkedHashMap<>();
                            broken.put("seq", e.seq());
                            broken.put("id", e.id());
                            broken.put("reason", problem);
                            Map<String, Object> answer = new LinkedHashMap<>();
                            answer.put("valid", false);
                            answer.put("entries", checked);
                            answer.put("firstBroken", broken);
                            return answer;
                        }
                        previous = hash;
                        expectedSeq++;
                        checked++;
                    }
                }
            }
            c.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot verify the audit log", e);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("valid", true);
        answer.put("entries", checked);
        return answer;
    }
}
