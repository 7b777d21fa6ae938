package orders.internal.web;

import apidoc.ApiHeaders;
import apidoc.ApiTags;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import java.util.UUID;
import orders.ShipmentView;
import orders.internal.domain.OrderRequestParser;
import orders.internal.domain.ShipmentService;
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
import platform.error.Preconditions;
import platform.page.Page;
import platform.page.PageRequest;
import platform.web.Problem;
import tenancy.Caller;
import tenancy.CurrentCaller;
import tenancy.Scopes;

/** Shipments of an order (ADR 0048): operators ship lines and mark shipments delivered; clients read their own. */
@Path("/v1/orders/{id}/shipments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.ORDERS)
public class ShipmentResource {

    private final OrderRequestParser parser;
    private final ShipmentService shipments;
    private final IdempotentRequests idempotent;
    private final CurrentCaller caller;

    ShipmentResource(
            OrderRequestParser parser, ShipmentService shipments, IdempotentRequests idempotent, CurrentCaller caller) {
        this.parser = parser;
        this.shipments = shipments;
        this.idempotent = idempotent;
        this.caller = caller;
    }

    /** The body of {@code POST /v1/orders/{id}/shipments}. */
    @Schema(name = "CreateShipmentRequest", requiredProperties = "lines")
    public record CreateShipmentRequest(
            @Schema(minItems = 1, maxItems = 10000) List<ShipmentView.Line> lines,
            @Schema(nullable = true, maxLength = 100) String carrier,
            @Schema(nullable = true, maxLength = 100) String trackingNumber) {}

    /** One page of shipments. */
    @Schema(name = "ShipmentPage")
    public record ShipmentPage(
            @Schema(required = true) List<ShipmentView> items,

            @Schema(
                    required = true,
                    nullable = true,
                    description = "pass as cursor for the next page; null on the last")
            String nextCursor) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.ORDERS_FULFIL)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.ORDERS_FULFIL)
    @Operation(
            operationId = "createShipment",
            summary = "Ship lines of an order",
            description =
                    "From a processing order, at most each line's allocated minus shipped quantity (allocated is the"
                            + " ordered quantity unless the line is backordered). The shipped"
                            + " units leave stock in the same transaction (on-hand and reserved both go down); the order"
                            + " becomes shipped with the shipment that ships its last unit.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CreateShipmentRequest.class)))
    @APIResponse(
            responseCode = "201",
            description = "the shipment",
            headers = {
                @Header(name = ApiHeaders.LOCATION, ref = ApiHeaders.LOCATION),
                @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG),
                @Header(name = ApiHeaders.IDEMPOTENT_REPLAYED, ref = ApiHeaders.IDEMPOTENT_REPLAYED)
            },
            content = @Content(schema = @Schema(implementation = ShipmentView.class)))
    @APIResponse(
            responseCode = "400",
            description = "invalid_request: every problem of the body, with pointers (errors[])",
            headers = @Header(name = ApiHeaders.IDEMPOTENT_REPLAYED, ref = ApiHeaders.IDEMPOTENT_REPLAYED),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "not_found",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "invalid_transition (the order is not processing; currentStatus),"
                    + " idempotency_key_in_flight (retryable, Retry-After)",
            headers = {
                @Header(name = ApiHeaders.IDEMPOTENT_REPLAYED, ref = ApiHeaders.IDEMPOTENT_REPLAYED),
                @Header(name = ApiHeaders.RETRY_AFTER, ref = ApiHeaders.RETRY_AFTER)
            },
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "shipment_exceeds_order (errors[]: not_on_order, exceeds_unshipped, exceeds_allocated),"
                    + " idempotency_key_reused",
            headers = @Header(name = ApiHeaders.IDEMPOTENT_REPLAYED, ref = ApiHeaders.IDEMPOTENT_REPLAYED),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(
            @PathParam("id") UUID orderId,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            JsonNode body) {
        Caller who = caller.get();
        UUID client = shipments.owner(orderId, who);
        return idempotent.run(client, "POST /v1/orders/" + orderId + "/shipments", idempotencyKey, body, claim -> {
            ShipmentView shipment = shipments.create(orderId, parser.parseShipment(body), who.subject(), claim);
            return Response.created(URI.create("/v1/orders/" + orderId + "/shipments/" + shipment.id()))
                    .header(HttpHeaders.ETAG, Preconditions.etag(shipment.version()))
                    .entity(shipment)
                    .build();
        });
    }

    @GET
    @RolesAllowed(Scopes.ORDERS_READ)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.ORDERS_READ)
    @Operation(
            operationId = "listShipments",
            summary = "List an order's shipments",
            description = "Oldest first. A client sees the shipments of its own orders.")
    @APIResponse(
            responseCode = "200",
            description = "one page of shipments",
            content = @Content(schema = @Schema(implementation = ShipmentPage.class)))
    @APIResponse(
            responseCode = "404",
            description = "not_found (also another client's order)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ShipmentView> list(
            @PathParam("id") UUID orderId, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return shipments.list(orderId, PageRequest.of(limit, cursor), caller.get());
    }

    @GET
    @Path("/{shipmentId}")
    @RolesAllowed(Scopes.ORDERS_READ)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.ORDERS_READ)
    @Operation(operationId = "getShipment", summary = "Get a shipment")
    @APIResponse(
            responseCode = "200",
            description = "the shipment",
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = ShipmentView.class)))
    @APIResponse(
            responseCode = "404",
            description = "not_found (also another client's order)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID orderId, @PathParam("shipmentId") UUID id) {
        ShipmentView shipment = shipments.get(orderId, id, caller.get());
        return Response.ok(shipment)
                .header(HttpHeaders.ETAG, Preconditions.etag(shipment.version()))
                .build();
    }

    @POST
    @Path("/{shipmentId}/deliver")
    @RolesAllowed(Scopes.ORDERS_FULFIL)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.ORDERS_FULFIL)
    @Operation(
            operationId = "deliverShipment",
            summary = "Mark a shipment delivered",
            description = "If-Match with the shipment's ETag is required. The order becomes delivered when it is"
                    + " shipped and every one of its shipments is delivered.")
    @Parameter(name = ApiHeaders.IF_MATCH, in = ParameterIn.HEADER, required = true)
    @APIResponse(
            responseCode = "200",
            description = "the delivered shipment",
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = ShipmentView.class)))
    @APIResponse(
            responseCode = "404",
            description = "not_found",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "invalid_transition (already delivered; currentStatus)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "412",
            description = "version_conflict: If-Match names another version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "428",
            description = "precondition_required: no If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response deliver(
            @PathParam("id") UUID orderId,
            @PathParam("shipmentId") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        ShipmentView shipment = shipments.deliver(
                orderId,
                id,
                Preconditions.expectedVersion(ifMatch),
                caller.get().subject());
        return Response.ok(shipment)
                .header(HttpHeaders.ETAG, Preconditions.etag(shipment.version()))
                .build();
    }
}
