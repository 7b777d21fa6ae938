package orders.internal.web;

import apidoc.ApiHeaders;
import apidoc.ApiTags;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import orders.OrderView;
import orders.internal.domain.BatchAccepted;
import orders.internal.domain.BatchService;
import orders.internal.domain.OrderItemView;
import orders.internal.domain.OrderLifecycle;
import orders.internal.domain.OrderPlacement;
import orders.internal.domain.OrderQueries;
import orders.internal.domain.OrderRequestParser;
import orders.internal.domain.OrderStatus;
import orders.internal.domain.Priority;
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
import platform.page.SequenceCursor;
import platform.web.Problem;
import tenancy.Caller;
import tenancy.CurrentCaller;
import tenancy.Scopes;

/** Bulk orders: placed by clients, moved through their lifecycle by operators, cancelled by either. */
@Path("/v1/orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.ORDERS)
public class OrderResource {

    private final OrderRequestParser parser;
    private final OrderPlacement placement;
    private final OrderQueries queries;
    private final OrderLifecycle lifecycle;
    private final BatchService batches;
    private final IdempotentRequests idempotent;
    private final CurrentCaller caller;
    private final orders.internal.domain.OrderMetrics metrics;

    OrderResource(
            OrderRequestParser parser,
            OrderPlacement placement,
            OrderQueries queries,
            OrderLifecycle lifecycle,
            BatchService batches,
            IdempotentRequests idempotent,
            CurrentCaller caller,
            orders.internal.domain.OrderMetrics metrics) {
        this.metrics = metrics;
        this.parser = parser;
        this.placement = placement;
        this.queries = queries;
        this.lifecycle = lifecycle;
        this.batches = batches;
        this.idempotent = idempotent;
        this.caller = caller;
    }

    /** One page of orders. */
    @Schema(name = "OrderPage")
    public record OrderPage(
            @Schema(required = true) List<OrderView> items,

            @Schema(
                    required = true,
                    nullable = true,
                    description = "pass as cursor for the next page; null on the last")
            String nextCursor) {}

    /** One page of order lines. */
    @Schema(name = "OrderItemPage")
    public record OrderItemPage(
            @Schema(required = true) List<OrderItemView> items,

            @Schema(
                    required = true,
                    nullable = true,
                    description = "pass as cursor for the next page; null on the last")
            String nextCursor) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.ORDERS_WRITE)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.ORDERS_WRITE)
    @Operation(
            operationId = "createOrder",
            summary = "Place an order",
            description = "Validates every line, prices it, checks credit and reserves all stock or none, in one"
                    + " transaction. A refusal (4xx) is stored under the Idempotency-Key like a success.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CreateOrderRequest.class)))
    @APIResponse(
            responseCode = "201",
            description = "the order, pending, with its stock reserved",
            headers = {
                @Header(name = ApiHeaders.LOCATION, ref = ApiHeaders.LOCATION),
                @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG),
                @Header(name = ApiHeaders.IDEMPOTENT_REPLAYED, ref = ApiHeaders.IDEMPOTENT_REPLAYED)
            },
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    @APIResponse(
            responseCode = "400",
            description = "invalid_request: every problem of the body, with pointers (errors[])",
            headers = @Header(name = ApiHeaders.IDEMPOTENT_REPLAYED, ref = ApiHeaders.IDEMPOTENT_REPLAYED),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "insufficient_stock (shortages[]), duplicate_external_ref (externalRef),"
                    + " idempotency_key_in_flight (retryable, Retry-After)",
            headers = {
                @Header(name = ApiHeaders.IDEMPOTENT_REPLAYED, ref = ApiHeaders.IDEMPOTENT_REPLAYED),
                @Header(name = ApiHeaders.RETRY_AFTER, ref = ApiHeaders.RETRY_AFTER)
            },
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "unknown_sku (errors[] point to the lines), credit_limit_exceeded (creditLimit, exposure,"
                    + " orderTotal), amount_too_large (orderTotal, maxAmount), idempotency_key_reused",
            headers = @Header(name = ApiHeaders.IDEMPOTENT_REPLAYED, ref = ApiHeaders.IDEMPOTENT_REPLAYED),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey, JsonNode body) {
        Caller who = caller.get();
        UUID clientId = who.tenantId().orElseThrow(orders.internal.domain.OrderErrors::operatorCannotOrder);
        return idempotent.runDirect(clientId, "POST /v1/orders", idempotencyKey, body, claim -> {
            OrderView order;
            try {
                order = placement.place(clientId, who.subject(), parser.parse(body), claim);
            } catch (DomainException refused) {
                metrics.orderRejected(refused.code().code());
                throw refused;
            }
            metrics.orderAccepted();
            return Response.created(URI.create("/v1/orders/" + order.id()))
                    .header(HttpHeaders.ETAG, Preconditions.etag(order.version()))
                    .entity(order)
                    .build();
        });
    }

    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.ORDERS_WRITE)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.ORDERS_WRITE)
    @Operation(
            operationId = "submitOrderBatch",
            summary = "Submit up to 1,000 orders for asynchronous processing",
            description =
                    "Idempotency-Key is required. Each order is accepted or rejected on its own; follow Location.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CreateOrderRequest.Batch.class)))
    @Parameter(name = IdempotentRequests.HEADER, in = ParameterIn.HEADER, required = true)
    @APIResponse(
            responseCode = "202",
            description = "queued; read the progress at Location",
            headers = {
                @Header(name = ApiHeaders.LOCATION, ref = ApiHeaders.LOCATION),
                @Header(name = ApiHeaders.IDEMPOTENT_REPLAYED, ref = ApiHeaders.IDEMPOTENT_REPLAYED)
            },
            content = @Content(schema = @Schema(implementation = BatchAccepted.class)))
    @APIResponse(
            responseCode = "409",
            description = "idempotency_key_in_flight (retryable, Retry-After)",
            headers = @Header(name = ApiHeaders.RETRY_AFTER, ref = ApiHeaders.RETRY_AFTER),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "idempotency_key_reused",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response batch(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey, JsonNode body) {
        Caller who = caller.get();
        UUID clientId = who.tenantId().orElseThrow(orders.internal.domain.OrderErrors::operatorCannotOrder);
        if (idempotencyKey == null) {
            throw DomainException.invalid(IdempotentRequests.HEADER, "a batch needs an Idempotency-Key header");
        }
        return idempotent.run(clientId, "POST /v1/orders/batch", idempotencyKey, body, claim -> {
            BatchAccepted accepted =
                    batches.submit(clientId, who.subject(), batches.envelope(body), claim.orElseThrow());
            return Response.accepted(accepted)
                    .location(URI.create("/v1/order-batches/" + accepted.batchId()))
                    .build();
        });
    }

    @GET
    @RolesAllowed(Scopes.ORDERS_READ)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.ORDERS_READ)
    @Operation(
            operationId = "listOrders",
            summary = "List orders",
            description = "Newest first. A client sees its own orders; operators may filter by clientId.")
    @APIResponse(
            responseCode = "200",
            description = "one page of orders",
            content = @Content(schema = @Schema(implementation = OrderPage.class)))
    public Page<OrderView> list(
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @QueryParam("status")
                    @Parameter(
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"pending", "processing", "shipped", "delivered", "cancelled"
                                            }))
                    String status,
            @QueryParam("priority")
                    @Parameter(
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"low", "normal", "high", "urgent"}))
                    String priority,
            @QueryParam("createdFrom")
                    @Parameter(
                            description = "RFC 3339, inclusive",
                            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
                    String createdFrom,
            @QueryParam("createdTo")
                    @Parameter(
                            description = "RFC 3339, exclusive",
                            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
                    String createdTo,
            @QueryParam("externalRef") @Parameter(description = "the client's PO number") String externalRef,
            @QueryParam("clientId")
                    @Parameter(
                            description = "operators only (a client's token: 400)",
                            schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                    String clientId) {
        Caller who = caller.get();
        if (status != null && OrderStatus.parse(status).isEmpty()) {
            throw DomainException.invalid("status", "status must be one of " + OrderStatus.allowed());
        }
        if (priority != null && Priority.parse(priority).isEmpty()) {
            throw DomainException.invalid("priority", "priority must be one of " + Priority.allowed());
        }
        UUID client = null;
        if (clientId != null) {
            if (!who.isOperator()) {
                throw DomainException.invalid("clientId", "the client comes from the access token");
            }
            client = uuid("clientId", clientId);
        }
        return queries.list(
                new OrderQueries.Criteria(
                        client,
                        status,
                        priority,
                        instant("createdFrom", createdFrom),
                        instant("createdTo", createdTo),
                        externalRef),
                PageRequest.of(limit, cursor),
                who);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Scopes.ORDERS_READ)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.ORDERS_READ)
    @Operation(operationId = "getOrder", summary = "Get an order")
    @APIResponse(
            responseCode = "200",
            description = "the order",
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    @APIResponse(
            responseCode = "404",
            description = "not_found (also another client's order)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        OrderView order = queries.get(id, caller.get());
        return Response.ok(order)
                .header(HttpHeaders.ETAG, Preconditions.etag(order.version()))
                .build();
    }

    @GET
    @Path("/{id}/items")
    @RolesAllowed(Scopes.ORDERS_READ)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.ORDERS_READ)
    @Operation(
            operationId = "listOrderItems",
            summary = "List an order's lines",
            description = "In line order, with the prices frozen at placement.")
    @APIResponse(
            responseCode = "200",
            description = "one page of lines",
            content = @Content(schema = @Schema(implementation = OrderItemPage.class)))
    @APIResponse(
            responseCode = "404",
            description = "not_found",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<OrderItemView> items(
            @PathParam("id") UUID id, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return queries.items(id, PageRequest.of(limit, null), (int) SequenceCursor.decode(cursor), caller.get());
    }

    @POST
    @Path("/{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.ORDERS_FULFIL)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.ORDERS_FULFIL)
    @Operation(
            operationId = "changeOrderStatus",
            summary = "Move an order forward",
            description = "pending → processing → shipped → delivered. "
                    + "Shipping consumes the reserved stock. If-Match is honoured when sent.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = StatusChangeRequest.class)))
    @APIResponse(
            responseCode = "200",
            description = "the order in its new status",
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    @APIResponse(
            responseCode = "404",
            description = "not_found",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "invalid_transition",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "412",
            description = "version_conflict",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response advance(
            @PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull StatusChangeRequest request) {
        OrderView order = lifecycle.advance(
                id,
                request.status(),
                request.trackingNumber(),
                version(ifMatch),
                caller.get().subject());
        return Response.ok(order)
                .header(HttpHeaders.ETAG, Preconditions.etag(order.version()))
                .build();
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({Scopes.ORDERS_WRITE, Scopes.ORDERS_FULFIL})
    @SecurityRequirement(name = "oauth2", scopes = Scopes.ORDERS_WRITE)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.ORDERS_FULFIL)
    @Operation(
            operationId = "cancelOrder",
            summary = "Cancel an order",
            description = "From pending or processing; releases every reservation. If-Match is honoured when sent.")
    @APIResponse(
            responseCode = "200",
            description = "the cancelled order",
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    @APIResponse(
            responseCode = "404",
            description = "not_found",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "invalid_transition",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "412",
            description = "version_conflict: If-Match names another version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response cancel(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        OrderView order = lifecycle.cancel(id, caller.get(), version(ifMatch));
        return Response.ok(order)
                .header(HttpHeaders.ETAG, Preconditions.etag(order.version()))
                .build();
    }

    private static OptionalLong version(String ifMatch) {
        return ifMatch == null ? OptionalLong.empty() : Preconditions.expectedVersion(ifMatch);
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(name, name + " must be an RFC 3339 timestamp such as 2026-11-26T00:00:00Z");
        }
    }

    private static UUID uuid(String name, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(name, name + " must be a UUID");
        }
    }
}
