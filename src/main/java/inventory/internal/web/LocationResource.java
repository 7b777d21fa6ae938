package inventory.internal.web;

import apidoc.ApiFormats;
import apidoc.ApiHeaders;
import apidoc.ApiTags;
import com.fasterxml.jackson.databind.JsonNode;
import inventory.internal.domain.LocationService;
import inventory.internal.domain.LocationView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
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

/**
 * Stock locations (warehouses), ADR 0052: created and changed by operators (inventory:write), read by anyone
 * who may read stock (inventory:read). Stock per location is under {@code /v1/inventory/{sku}/locations}.
 */
@Path("/v1/locations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.INVENTORY)
public class LocationResource {

    private final LocationService locations;
    private final CurrentCaller caller;

    LocationResource(LocationService locations, CurrentCaller caller) {
        this.locations = locations;
        this.caller = caller;
    }

    /** One page of locations. */
    @Schema(name = "LocationPage")
    public record LocationPage(
            @Schema(required = true) List<LocationView> items,

            @Schema(
                    required = true,
                    nullable = true,
                    description = "pass as cursor for the next page; null on the last")
            String nextCursor) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.INVENTORY_WRITE)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.INVENTORY_WRITE)
    @Operation(
            operationId = "createLocation",
            summary = "Create a stock location",
            description = "A new location holds no stock; set it with PUT /v1/inventory/{sku}/locations/{code} or"
                    + " adjustments that name it. With Idempotency-Key a retry answers the first answer again.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = LocationInput.class)))
    @APIResponse(
            responseCode = "201",
            description = "the location",
            headers = {
                @Header(name = ApiHeaders.LOCATION, ref = ApiHeaders.LOCATION),
                @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG),
                @Header(name = ApiHeaders.IDEMPOTENT_REPLAYED, ref = ApiHeaders.IDEMPOTENT_REPLAYED)
            },
            content = @Content(schema = @Schema(implementation = LocationView.class)))
    @APIResponse(
            responseCode = "400",
            description = "invalid_request: every problem of the body, with pointers (errors[])",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "conflict: the code is taken (duplicate_location)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "idempotency_key_reused",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(
            @HeaderParam(ApiHeaders.IDEMPOTENCY_KEY) String idempotencyKey, @Valid @NotNull LocationInput request) {
        if (idempotencyKey != null && (idempotencyKey.isEmpty() || idempotencyKey.length() > 255)) {
            throw DomainException.invalid(ApiHeaders.IDEMPOTENCY_KEY, "must be 1 to 255 characters");
        }
        LocationService.Created created = locations.create(
                request.toNewLocation(), idempotencyKey, caller.get().subject());
        LocationView location = created.location();
        Response.ResponseBuilder response = Response.created(URI.create("/v1/locations/" + location.code()))
                .header(HttpHeaders.ETAG, Preconditions.etag(location.version()))
                .entity(location);
        if (created.replayed()) {
            response.header(ApiHeaders.IDEMPOTENT_REPLAYED, "true");
        }
        return response.build();
    }

    @GET
    @RolesAllowed(Scopes.INVENTORY_READ)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.INVENTORY_READ)
    @Operation(operationId = "listLocations", summary = "List stock locations (keyset pagination)")
    @APIResponse(
            responseCode = "200",
            description = "one page of locations, oldest first",
            content = @Content(schema = @Schema(implementation = LocationPage.class)))
    @APIResponse(
            responseCode = "400",
            description = "invalid_request (limit or cursor)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<LocationView> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return locations.list(PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{code}")
    @RolesAllowed(Scopes.INVENTORY_READ)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.INVENTORY_READ)
    @Operation(operationId = "getLocation", summary = "Read one stock location")
    @APIResponse(
            responseCode = "200",
            description = "the location",
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = LocationView.class)))
    @APIResponse(
            responseCode = "404",
            description = "not_found",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("code") String code) {
        LocationView location = locations.get(code);
        return Response.ok(location)
                .header(HttpHeaders.ETAG, Preconditions.etag(location.version()))
                .build();
    }

    @PATCH
    @Path("/{code}")
    @Consumes({MediaType.APPLICATION_JSON, ApiFormats.MERGE_PATCH})
    @RolesAllowed(Scopes.INVENTORY_WRITE)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.INVENTORY_WRITE)
    @Operation(
            operationId = "updateLocation",
            summary = "Rename, re-rank, deactivate or reactivate a location (JSON merge patch)",
            description = "If-Match with the location's ETag is required. An inactive location keeps its stock"
                    + " and reservations but is never allocated from; 'default' stays active.")
    @Parameter(name = ApiHeaders.IF_MATCH, in = ParameterIn.HEADER, required = true)
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = ApiFormats.MERGE_PATCH,
                            schema = @Schema(implementation = LocationPatchRequest.class)))
    @APIResponse(
            responseCode = "200",
            description = "the changed location",
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = LocationView.class)))
    @APIResponse(
            responseCode = "400",
            description = "invalid_request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "not_found",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "conflict: 'default' cannot be deactivated",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "412",
            description = "version_conflict",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "428",
            description = "precondition_required",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response patch(
            @PathParam("code") String code, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, JsonNode body) {
        var expected = Preconditions.expectedVersion(ifMatch);
        LocationView location = locations.patch(
                code, expected, LocationPatchRequest.read(body), caller.get().subject());
        return Response.ok(location)
                .header(HttpHeaders.ETAG, Preconditions.etag(location.version()))
                .build();
    }
}
