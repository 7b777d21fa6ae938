package inventory.internal.web;

import apidoc.ApiHeaders;
import apidoc.ApiTags;
import apidoc.Vocabulary;
import inventory.LocationLevel;
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
            description = "If-Match with the stock level's ETag is required. The difference is made at the"
                    + " 'default' location (ADR 0052); when the other locations hold so much that 'default' would"
                    + " fall below its reserved and held units, 409 stock_below_reserved.")
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

    /** A SKU's stock at each location. */
    @Schema(name = "LocationLevels")
    public record LocationLevels(
            @Schema(required = true) String sku,
            @Schema(required = true) List<LocationLevel> items) {}

    @GET
    @Path("/{sku}/locations")
    @RolesAllowed(Scopes.INVENTORY_READ)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.INVENTORY_READ)
    @Operation(
            operationId = "listStockLevelLocations",
            summary = "Read a SKU's stock per location",
            description = "Every location that has or had units of the SKU, in allocation order (rank, then code);"
                    + " they sum to GET /v1/inventory/{sku}. A SKU has at most as many entries as there are"
                    + " locations, so the list is not paginated.")
    @APIResponse(
            responseCode = "200",
            description = "the SKU's levels per location",
            content = @Content(schema = @Schema(implementation = LocationLevels.class)))
    @APIResponse(
            responseCode = "404",
            description = "not_found",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public LocationLevels locations(@PathParam("sku") String sku) {
        return new LocationLevels(sku, stock.locationLevels(sku));
    }

    @GET
    @Path("/{sku}/locations/{code}")
    @RolesAllowed(Scopes.INVENTORY_READ)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.INVENTORY_READ)
    @Operation(
            operationId = "getStockLevelAtLocation",
            summary = "Read a SKU's stock at one location",
            description = "A location that never had the SKU answers zeros at version 0.")
    @APIResponse(
            responseCode = "200",
            description = "the level at the location",
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = LocationLevel.class)))
    @APIResponse(
            responseCode = "404",
            description = "not_found (SKU or location)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response location(@PathParam("sku") String sku, @PathParam("code") String code) {
        LocationLevel level = stock.locationLevel(sku, code);
        return Response.ok(level)
                .header(HttpHeaders.ETAG, Preconditions.etag(level.version()))
                .build();
    }

    @PUT
    @Path("/{sku}/locations/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.INVENTORY_WRITE)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.INVENTORY_WRITE)
    @Operation(
            operationId = "setStockLevelAtLocation",
            summary = "Set the on-hand quantity at one location",
            description = "If-Match with the ETag of GET /v1/inventory/{sku}/locations/{code} is required. The SKU's"
                    + " total changes by the difference; units that arrive go first to waiting backorders.")
    @Parameter(name = ApiHeaders.IF_MATCH, in = ParameterIn.HEADER, required = true)
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SetStockRequest.class)))
    @APIResponse(
            responseCode = "200",
            description = "the new level at the location",
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = LocationLevel.class)))
    @APIResponse(
            responseCode = "404",
            description = "not_found (SKU or location)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "stock_below_reserved (at this location)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "412",
            description = "version_conflict",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "428",
            description = "precondition_required",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response setAt(
            @PathParam("sku") String sku,
            @PathParam("code") String code,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull SetStockRequest request) {
        var expected = Preconditions.expectedVersion(ifMatch);
        LocationLevel level = stock.setOnHandAt(
                sku, code, expected, request.onHand(), caller.get().subject());
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
            description = "No If-Match: deltas are applied in the database. All or nothing; lines for one SKU (and"
                    + " location) add up. A line without location adjusts the 'default' location; an unknown"
                    + " location is 400 (unknown_location).")
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
