package audit.internal.web;

import apidoc.ApiTags;
import audit.internal.domain.AuditLog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import platform.error.DomainException;
import platform.page.Page;
import platform.page.PageRequest;
import platform.page.SequenceCursor;
import tenancy.Scopes;

/** The tamper-evident audit log, for operators with audit:read. */
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.AUDIT_READ)
@SecurityRequirement(name = "oauth2", scopes = Scopes.AUDIT_READ)
@Tag(name = ApiTags.AUDIT)
public class AuditResource {

    private final AuditLog log;

    AuditResource(AuditLog log) {
        this.log = log;
    }

    /** One page of audit entries. */
    @Schema(name = "AuditPage")
    public record AuditPage(
            @Schema(required = true) List<AuditLog.View> items,

            @Schema(
                    required = true,
                    nullable = true,
                    description = "pass as cursor for the next page; null on the last")
            String nextCursor) {}

    /** The answer of the chain check. */
    @Schema(name = "AuditVerification")
    public record Verification(
            @Schema(required = true) boolean valid,

            @Schema(required = true, description = "entries checked")
            long entries,

            @Schema(description = "present when the chain itself is broken")
            BrokenEntry firstBroken,

            @Schema(description = "the latest signed checkpoint compared with the chain; absent before the first")
            CheckpointCheck checkpoint) {}

    /** The chain compared with the latest signed checkpoint of its head. */
    @Schema(name = "AuditCheckpointCheck")
    public record CheckpointCheck(
            @Schema(required = true) long seq,
            @Schema(required = true) java.time.Instant at,

            @Schema(required = true, description = "chain length the checkpoint signed")
            long entries,

            @Schema(required = true, description = "SHA-256 of the head entry it signed, hex")
            String headHash,

            @Schema(
                    required = true,
                    enumeration = {"ok", "truncated", "head_mismatch", "bad_signature", "unknown_key", "not_reached"},
                    description = "ok; truncated: the chain is shorter than the checkpoint (newest entries"
                            + " removed); head_mismatch: the entry at that position has another hash;"
                            + " bad_signature / unknown_key: the checkpoint is not one this service signed with"
                            + " a configured key; not_reached: the chain breaks before (see firstBroken)")
            String status) {}

    /** One page of signed checkpoints. */
    @Schema(name = "AuditCheckpointPage")
    public record CheckpointPage(
            @Schema(required = true) List<AuditLog.CheckpointView> items,

            @Schema(
                    required = true,
                    nullable = true,
                    description = "pass as cursor for the next page; null on the last")
            String nextCursor) {}

    /** The first entry whose hashes do not match. */
    @Schema(name = "AuditBrokenEntry")
    public record BrokenEntry(
            @Schema(required = true) long seq,
            @Schema(required = true) UUID id,

            @Schema(required = true, description = "what does not match")
            String reason) {}

    @GET
    @Operation(
            operationId = "listAuditEntries",
            summary = "Read the audit log",
            description = "In chain order; filters action and tenantId.")
    @APIResponse(
            responseCode = "200",
            description = "one page of entries",
            content = @Content(schema = @Schema(implementation = AuditPage.class)))
    public Page<AuditLog.View> list(
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @QueryParam("action") @Parameter(description = "such as order.created") String action,
            @QueryParam("tenantId") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                    String tenantId) {
        UUID tenant = null;
        if (tenantId != null) {
            try {
                tenant = UUID.fromString(tenantId);
            } catch (IllegalArgumentException e) {
                throw DomainException.invalid("tenantId", "tenantId must be a UUID");
            }
        }
        return log.list(
                SequenceCursor.decode(cursor), PageRequest.of(limit, null).limit(), action, tenant);
    }

    @GET
    @Path("/verify")
    @Operation(
            operationId = "verifyAuditLog",
            summary = "Verify the hash chain",
            description = "{\"valid\":true,\"entries\":N} or the first broken entry; compared with the latest"
                    + " signed checkpoint, which finds removed newest entries (checkpoint.status truncated).")
    @APIResponse(
            responseCode = "200",
            description = "the outcome of the check",
            content = @Content(schema = @Schema(implementation = Verification.class)))
    public Map<String, Object> verify() {
        return log.verify();
    }

    @GET
    @Path("/checkpoints")
    @Operation(
            operationId = "listAuditCheckpoints",
            summary = "Read the signed checkpoints of the chain head",
            description = "Oldest first. Each signs (HMAC-SHA256, key derived from the field-encryption key)"
                    + " the chain length, the head hash and the time; copies kept outside the database show"
                    + " removed newest entries even to someone who can also delete checkpoints.")
    @APIResponse(
            responseCode = "200",
            description = "one page of checkpoints",
            content = @Content(schema = @Schema(implementation = CheckpointPage.class)))
    public Page<AuditLog.CheckpointView> checkpoints(
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return log.checkpoints(
                SequenceCursor.decode(cursor), PageRequest.of(limit, null).limit());
    }
}
