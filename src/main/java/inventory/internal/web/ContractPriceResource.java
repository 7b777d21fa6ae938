package inventory.internal.web;

import apidoc.ApiHeaders;
import apidoc.ApiTags;
import inventory.internal.domain.ContractPriceService;
import inventory.internal.domain.ContractPriceView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import platform.error.Preconditions;
import platform.web.Problem;
import tenancy.Caller;
import tenancy.CurrentCaller;
import tenancy.Scopes;

/** Contract prices of a client: quantity tiers per SKU, set by operators. */
@Path("/v1/clients/{id}/prices/{sku}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.CATALOG_WRITE)
@SecurityRequirement(name = "oauth2", scopes = Scopes.CATALOG_WRITE)
@Tag(name = ApiTags.CLIENTS)
@APIResponse(
        responseCode = "404",
        description = "not_found (client, SKU or price)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ContractPriceResource {

    private final ContractPriceService prices;
    private final CurrentCaller caller;

    ContractPriceResource(ContractPriceService prices, CurrentCaller caller) {
        this.prices = prices;
        this.caller = caller;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "setContractPrice",
            summary = "Set a client's contract price for a SKU",
            description = "A line's price is the tier with the greatest minQuantity not above its quantity.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ContractPriceRequest.class)))
    @APIResponse(
            responseCode = "200",
            description = "the contract price",
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = ContractPriceView.class)))
    @APIResponse(
            responseCode = "400",
            description = "invalid_request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response put(
            @PathParam("id") UUID clientId,
            @PathParam("sku") String sku,
            @Valid @NotNull ContractPriceRequest request) {
        ContractPriceView price = prices.put(clientId, sku, request.toTiers());
        return Response.ok(price)
                .header(HttpHeaders.ETAG, Preconditions.etag(price.version()))
                .build();
    }

    @GET
    @RolesAllowed({Scopes.CATALOG_WRITE, Scopes.INVENTORY_READ})
    @SecurityRequirement(name = "oauth2", scopes = Scopes.CATALOG_WRITE)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.INVENTORY_READ)
    @Operation(
            operationId = "getContractPrice",
            summary = "Read a client's contract price for a SKU",
            description = "catalog:write for any client; a client with inventory:read reads its own.")
    @APIResponse(
            responseCode = "200",
            description = "the contract price",
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = ContractPriceView.class)))
    public Response get(@PathParam("id") UUID clientId, @PathParam("sku") String sku) {
        Caller who = caller.get();
        if (!who.hasScope(Scopes.CATALOG_WRITE) && !who.is(clientId)) {
            throw new platform.error.DomainException(
                    platform.error.ErrorCode.NOT_FOUND, "No contract price for this client and SKU");
        }
        ContractPriceView price = prices.get(clientId, sku);
        return Response.ok(price)
                .header(HttpHeaders.ETAG, Preconditions.etag(price.version()))
                .build();
    }

    @DELETE
    @Operation(
            operationId = "deleteContractPrice",
            summary = "Remove a client's contract price for a SKU (list price less discount applies again)")
    @APIResponse(responseCode = "204", description = "removed")
    public Response delete(@PathParam("id") UUID clientId, @PathParam("sku") String sku) {
        prices.delete(clientId, sku);
        return Response.noContent().build();
    }
}
