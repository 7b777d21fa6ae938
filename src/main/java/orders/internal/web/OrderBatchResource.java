package orders.internal.web;

import apidoc.ApiTags;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import orders.internal.domain.BatchService;
import orders.internal.domain.BatchView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import platform.web.Problem;
import tenancy.CurrentCaller;
import tenancy.Scopes;

/** Progress and per-order results of a batch. */
@Path("/v1/order-batches")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.ORDERS)
public class OrderBatchResource {

    private final BatchService batches;
    private final CurrentCaller caller;

    OrderBatchResource(BatchService batches, CurrentCaller caller) {
        this.batches = batches;
        this.caller = caller;
    }

    @GET
    @Path("/{batchId}")
    @RolesAllowed(Scopes.ORDERS_READ)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.ORDERS_READ)
    @Operation(
            operationId = "getOrderBatch",
            summary = "Get a batch's progress and results",
            description = "results lists the orders processed so far, each created (orderId) or rejected (error).")
    @APIResponse(
            responseCode = "200",
            description = "the batch",
            content = @Content(schema = @Schema(implementation = BatchView.class)))
    @APIResponse(
            responseCode = "404",
            description = "not_found (also another client's batch)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BatchView get(@PathParam("batchId") UUID batchId) {
        return batches.get(batchId, caller.get());
    }
}
