package inventory.internal.web;

import apidoc.ApiHeaders;
import apidoc.ApiTags;
import apidoc.Vocabulary;
import inventory.Sku;
import inventory.StockLevel;
import inventory.internal.domain.StockService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashSet;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import platform.error.DomainException;
import platform.error.Preconditions;
import platform.page.Page;
import platform.page.PageRequest;
import platform.web.Problem;
import tenancy.CurrentCaller;
import tenancy.Scopes;

/** Stock levels: read by clients, set and adjusted by operators. */
@Path("/v1/inventory")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.INVENTORY)
public class InventoryResource {

    private final StockService stock;
    private final CurrentCaller caller;

    InventoryResource(StockService stock, CurrentCaller caller) {
        this.stock = stock;
        this.caller = caller;
    }

    /** A page (or a chosen set) of stock levels. */
    @Schema(name = "StockLevelPage")
    public record StockPage(
            @Schema(required = true) List<StockLevel> items,

            @Schema(
                    required = true,
                    nullable = true,
                    description = "pass as cursor for the next page; null on the last")
            String nextCursor) {}

    /** The levels an adjustment batch produced, one per SKU. */
    @Schema(name = "AdjustmentsResult")
    public record AdjustmentsResult(@Schema(required = true) List<StockLevel> items) {}

    @GET
    @RolesAllowed(Scopes.INVENTORY_READ)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.INVENTORY_READ)
    @Operation(
            operationId = "listStockLevels",
            summary = "Read stock levels",
            description = "With sku=A&sku=B… (up to 200) the levels of those SKUs (unknown ones are left out); "
                    + "without, every level with keyset pagination.")
    @APIResponse(
            responseCode = "200",
            description = "the levels asked for, or one page of all levels",
            content = @Content(schema = @Schema(implementation = StockPage.class)))
    public Page<StockLevel> list(
            @QueryParam("sku")
                    @Parameter(
                            description = "repeatable, up to 200",
                            schema =
                                    @Schema(
                                            type = SchemaType.ARRAY,
                                            maxItems = 200,
                                            implementation = Vocabulary.Sku.class))
                    List<String> skus,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        if (skus == null || skus.isEmpty()) {
            return stock.levels(PageRequest.of(limit, cursor));
        }
        if (skus.size() > PageRequest.MAX_LIMIT) {
            throw DomainException.invalid("sku", "at most " + PageRequest.MAX_LIMIT + " SKUs per request");
        }
        for (String sku : skus) {
            if (!Sku.isValid(sku)) {
                throw DomainException.invalid("sku", "'" + sku + "' is not a SKU");
            }
        }
        return stock.levels(List.copyOf(new LinkedHashSet<>(skus)));
    }

    @GET
    @Path("/{sku}")
    @RolesAllowed(Scopes.INVENTORY_READ)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.INVENTORY_READ)
    @Operation(operationId = "getStockLevel", summary = "Read one stock level")
    @APIResponse(
            responseCode = "200",
            description = "the stock level",
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = StockLevel.class)))
    @APIResponse(
            responseCode = "404",
            description = "not_found",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("sku") String sku) {
        StockLevel level = stock.level(sku);
        return Response.ok(level)
                .header(HttpHeaders.ETAG, Preconditions.etag(level.version()))
                .build();
    }

    @PUT
    @Path("/{sku}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.INVENTORY_WRITE)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.INVENTORY_WRITE)
    @Operation(
            operationId = "setStockLevel",
            summary = "Set the on-hand quantity",
            description = "If-Match with the stock level's ETag is required.")
    @Parameter(name = ApiHeaders.IF_MATCH, in = ParameterIn.HEADER, required = true)
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SetStockRequest.class)))
    @APIResponse(
            responseCode = "200",
            description = "the new stock level",
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = StockLevel.class)))
    @APIResponse(
            responseCode = "404",
            description = "not_found",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "stock_below_reserved",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "412",
            description = "version_conflict",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "428",
            description = "precondition_required",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response set(
            @PathParam("sku") String sku,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull SetStockRequest request) {
        var expected = Preconditions.expectedVersion(ifMatch);
        StockLevel level =
                stock.setOnHand(sku, expected, request.onHand(), caller.get().subject());
        return Response.ok(level)
                .header(HttpHeaders.ETAG, Preconditions.etag(level.version()))
                .build();
    }

    @POST
    @Path("/adjustments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.INVENTORY_WRITE)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.INVENTORY_WRITE)
    @Operation(
            operationId = "adjustStock",
            summary = "Apply up to 10,000 relative stock adjustments atomically",
            description = "No If-Match: deltas are applied in the database. All or nothing; lines for one SKU add up.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AdjustmentsRequest.class)))
    @APIResponse(
            responseCode = "200",
            description = "the resulting level of every SKU adjusted",
            content = @Content(schema = @Schema(implementation = AdjustmentsResult.class)))
    @APIResponse(
            responseCode = "409",
            description = "stock_below_reserved",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "unknown_sku",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AdjustmentsResult adjust(@Valid @NotNull AdjustmentsRequest request) {
        return new AdjustmentsResult(
                stock.adjust(request.toAdjustments(), caller.get().subject()));
    }
}
