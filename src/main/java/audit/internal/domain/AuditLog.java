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
    private final AuditCheckpoints checkpoints;

    AuditLog(AuditRepository audit, AuditChain chain, AuditCheckpoints checkpoints) {
        this.audit = audit;
        this.chain = chain;
        this.checkpoints = checkpoints;
    }

    /** One signed checkpoint as {@code GET /v1/audit/checkpoints} shows it; hashes and signature in hex. */
    @Schema(
            name = "AuditCheckpoint",
            requiredProperties = {"seq", "id", "at", "entries", "headHash", "algorithm", "keyId", "signature"})
    public record CheckpointView(
            @Schema(description = "position among the checkpoints, from 1")
            long seq,

            UUID id,
            Instant at,

            @Schema(description = "chain length when signed: the seq of the head entry")
            long entries,

            @Schema(description = "SHA-256 of the head entry, hex")
            String headHash,

            @Schema(description = "HMAC-SHA256") String algorithm,

            @Schema(description = "the encryption key the signing key is derived from")
            String keyId,

            @Schema(description = "the signature, hex") String signature) {}

    public Page<CheckpointView> checkpoints(long afterSeq, int limit) {
        List<AuditRepository.Checkpoint> rows = checkpoints.page(afterSeq, limit + 1);
        boolean more = rows.size() > limit;
        List<CheckpointView> page = (more ? rows.subList(0, limit) : rows)
                .stream().map(AuditLog::view).toList();
        return new Page<>(
                page, more ? SequenceCursor.encode(page.get(page.size() - 1).seq()) : null);
    }

    private static CheckpointView view(AuditRepository.Checkpoint c) {
        return new CheckpointView(
                c.seq(),
                c.id(),
                c.at().toInstant(),
                c.entries(),
                HexFormat.of().formatHex(c.headHash()),
                c.algorithm(),
                c.keyId(),
                HexFormat.of().formatHex(c.signature()));
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

    /**
     * Recomputes the whole chain and compares it with the latest signed checkpoint; the answer of
     * {@code GET /v1/audit/verify}. The checkpoint finds what the chain alone cannot: newest entries
     * removed ({@code truncated}) or the chain rewritten up to its head ({@code head_mismatch}).
     */
    public Map<String, Object> verify() {
        chain.chainAll();
        var checkpoint = checkpoints.latest();
        boolean[] headMatches = {false};
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
            } else if (row.encoding() != 1 && row.encoding() != AuditChain.ENCODING) {
                problem = "unknown encoding " + row.encoding();
            } else if (!MessageDigest.isEqual(row.hash(), e.hash(previous[0], row.encoding()))) {
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
            if (checkpoint.isPresent() && e.seq() == checkpoint.get().entries()) {
                headMatches[0] =
                        MessageDigest.isEqual(row.hash(), checkpoint.get().headHash());
            }
            return true;
        });
        Map<String, Object> answer = new LinkedHashMap<>();
        boolean valid = broken.isEmpty();
        Map<String, Object> against = null;
        if (checkpoint.isPresent()) {
            AuditRepository.Checkpoint c = checkpoint.get();
            String status = checkpoints.signatureStatus(c);
            if (status.equals("ok")) {
                if (!broken.isEmpty() && checked[0] < c.entries()) {
                    status = "not_reached"; // the chain broke before the checkpoint's head
                } else if (checked[0] < c.entries()) {
                    status = "truncated";
                } else if (!headMatches[0]) {
                    status = "head_mismatch";
                }
            }
            valid &= status.equals("ok") || status.equals("not_reached");
            against = new LinkedHashMap<>();
            against.put("seq", c.seq());
            against.put("at", c.at().toInstant());
            against.put("entries", c.entries());
            against.put("headHash", HexFormat.of().formatHex(c.headHash()));
            against.put("status", status);
        }
        answer.put("valid", valid);
        answer.put("entries", checked[0]);
        if (!broken.isEmpty()) {
            answer.put("firstBroken", broken);
        }
        if (against != null) {
            answer.put("checkpoint", against);
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
