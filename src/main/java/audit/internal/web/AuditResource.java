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

            @Schema(description = "present when valid is false")
            BrokenEntry firstBroken) {}

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
            description = "{\"valid\":true,\"entries\":N} or the first broken entry.")
    @APIResponse(
            responseCode = "200",
            description = "the outcome of the check",
            content = @Content(schema = @Schema(implementation = Verification.class)))
    public Map<String, Object> verify() {
        return log.verify();
    }
}
