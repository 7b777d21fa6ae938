package audit.internal.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.time.Instant;
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

    private final AuditRepository audit;
    private final AuditChain chain;

    AuditLog(AuditRepository audit, AuditChain chain) {
        this.audit = audit;
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
        List<AuditRepository.Chained> rows = audit.page(afterSeq, limit + 1, action, tenantId);
        boolean more = rows.size() > limit;
        List<View> page = (more ? rows.subList(0, limit) : rows)
                .stream().map(AuditLog::view).toList();
        return new Page<>(
                page, more ? SequenceCursor.encode(page.get(page.size() - 1).seq()) : null);
    }

    /** Recomputes the whole chain; the answer of {@code GET /v1/audit/verify}. */
    public Map<String, Object> verify() {
        chain.chainAll();
        byte[][] previous = {AuditChain.GENESIS};
        long[] checked = {0};
        Map<String, Object> broken = new LinkedHashMap<>();
        audit.stream(row -> {
            AuditChain.Entry e = row.entry();
            long expectedSeq = checked[0] + 1;
            String problem = null;
            if (e.seq() != expectedSeq) {
                problem = "entry " + expectedSeq + " is missing";
            } else if (!MessageDigest.isEqual(row.prevHash(), previous[0])) {
                problem = "prevHash does not match the hash of the entry before";
            } else if (!MessageDigest.isEqual(row.hash(), e.hash(previous[0]))) {
                problem = "content does not match its hash";
            }
            if (problem != null) {
                broken.put("seq", e.seq());
                broken.put("id", e.id());
                broken.put("reason", problem);
                return false;
            }
            previous[0] = row.hash();
            checked[0]++;
            return true;
        });
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("valid", broken.isEmpty());
        answer.put("entries", checked[0]);
        if (!broken.isEmpty()) {
            answer.put("firstBroken", broken);
        }
        return answer;
    }

    private static View view(AuditRepository.Chained row) {
        AuditChain.Entry e = row.entry();
        try {
            return new View(
                    e.seq(),
                    e.id(),
                    e.at().toInstant(),
                    e.actor(),
                    e.tenantId(),
                    e.traceId(),
                    e.action(),
                    e.subject(),
                    MAPPER.readTree(e.details()),
                    HexFormat.of().formatHex(row.prevHash()),
                    HexFormat.of().formatHex(row.hash()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException("an audit entry holds details that are not JSON", ex);
        }
    }
}
