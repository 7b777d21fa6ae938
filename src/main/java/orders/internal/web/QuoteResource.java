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
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import orders.OrderView;
import orders.QuoteView;
import orders.internal.domain.OrderRequestParser;
import orders.internal.domain.QuoteService;
import org.eclipse.microprofile.openapi.annotations.Operation;
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
import tenancy.Caller;
import tenancy.CurrentCaller;
import tenancy.Scopes;

/** Quotes: priced lines whose stock is held until accepted (an order), cancelled or expired. */
@Path("/v1/quotes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.ORDERS)
public class QuoteResource {

    private static final Set<String> STATUSES =
            Set.of(QuoteService.OPEN, QuoteService.ACCEPTED, QuoteService.CANCELLED, QuoteService.EXPIRED);

    private final OrderRequestParser parser;
    private final QuoteService quotes;
    private final IdempotentRequests idempotent;
    private final CurrentCaller caller;

    QuoteResource(OrderRequestParser parser, QuoteService quotes, IdempotentRequests idempotent, CurrentCaller caller) {
        this.parser = parser;
        this.quotes = quotes;
        this.idempotent = idempotent;
        this.caller = caller;
    }

    /** One page of quotes. */
    @Schema(name = "QuotePage")
    public record QuotePage(
            @Schema(required = true) List<QuoteView> items,

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
            operationId = "createQuote",
            summary = "Quote lines and hold their stock",
            description = "Prices every line like an order and holds all of its stock or none, until expiresAt"
                    + " (the configured hold time). Held units leave availability. A client quotes for itself;"
                    + " an operator names the client with clientId.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CreateQuoteRequest.class)))
    @APIResponse(
            responseCode = "201",
            description = "the quote, open, with its stock held",
            headers = {
                @Header(name = ApiHeaders.LOCATION, ref = ApiHeaders.LOCATION),
                @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG),
                @Header(name = ApiHeaders.IDEMPOTENT_REPLAYED, ref = ApiHeaders.IDEMPOTENT_REPLAYED)
            },
            content = @Content(schema = @Schema(implementation = QuoteView.class)))
    @APIResponse(
            responseCode = "400",
            description = "invalid_request: every problem of the body, with pointers (errors[])",
            headers = @Header(name = ApiHeaders.IDEMPOTENT_REPLAYED, ref = ApiHeaders.IDEMPOTENT_REPLAYED),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "not_found: the operator named no known client",
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
            description = "unknown_sku (errors[] point to the lines), amount_too_large, idempotency_key_reused",
            headers = @Header(name = ApiHeaders.IDEMPOTENT_REPLAYED, ref = ApiHeaders.IDEMPOTENT_REPLAYED),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @QueryParam("clientId")
                    @Parameter(
                            description = "operators only, and required for them (a client's token: 400)",
                            schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                    String clientId,
            JsonNode body) {
        Caller who = caller.get();
        UUID client = clientOf(who, clientId);
        return idempotent.run(client, "POST /v1/quotes", idempotencyKey, body, claim -> {
            QuoteView quote = quotes.create(client, who.subject(), parser.parseQuote(body), claim);
            return Response.created(URI.create("/v1/quotes/" + quote.id()))
                    .header(HttpHeaders.ETAG, Preconditions.etag(quote.version()))
                    .entity(quote)
                    .build();
        });
    }

    @GET
    @RolesAllowed(Scopes.ORDERS_READ)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.ORDERS_READ)
    @Operation(
            operationId = "listQuotes",
            summary = "List quotes",
            description = "Newest first. A client sees its own quotes; operators may filter by clientId.")
    @APIResponse(
            responseCode = "200",
            description = "one page of quotes",
            content = @Content(schema = @Schema(implementation = QuotePage.class)))
    public Page<QuoteView> list(
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @QueryParam("status")
                    @Parameter(
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"open", "accepted", "cancelled", "expired"}))
                    String status,
            @QueryParam("clientId")
                    @Parameter(
                            description = "operators only (a client's token: 400)",
                            schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                    String clientId) {
        Caller who = caller.get();
        if (status != null && !STATUSES.contains(status)) {
            throw DomainException.invalid("status", "status must be one of open, accepted, cancelled, expired");
        }
        UUID client = null;
        if (clientId != null) {
            if (!who.isOperator()) {
                throw DomainException.invalid("clientId", "the client comes from the access token");
            }
            client = uuid(clientId);
        }
        return quotes.list(client, status, PageRequest.of(limit, cursor), who);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Scopes.ORDERS_READ)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.ORDERS_READ)
    @Operation(operationId = "getQuote", summary = "Get a quote")
    @APIResponse(
            responseCode = "200",
            description = "the quote",
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = QuoteView.class)))
    @APIResponse(
            responseCode = "404",
            description = "not_found (also another client's quote)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        QuoteView quote = quotes.get(id, caller.get());
        return Response.ok(quote)
                .header(HttpHeaders.ETAG, Preconditions.etag(quote.version()))
                .build();
    }

    @POST
    @Path("/{id}/accept")
    @RolesAllowed(Scopes.ORDERS_WRITE)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.ORDERS_WRITE)
    @Operation(
            operationId = "acceptQuote",
            summary = "Accept a quote: it becomes an order",
            description = "In one transaction: the order is placed at the quoted prices, the held stock becomes"
                    + " its reservation, credit is checked now. The same Idempotency-Key replays the answer;"
                    + " a second accept without it is 409 invalid_transition, never a second order."
                    + " If-Match is honoured when sent.")
    @APIResponse(
            responseCode = "201",
            description = "the order, pending",
            headers = {
                @Header(name = ApiHeaders.LOCATION, ref = ApiHeaders.LOCATION),
                @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG),
                @Header(name = ApiHeaders.IDEMPOTENT_REPLAYED, ref = ApiHeaders.IDEMPOTENT_REPLAYED)
            },
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    @APIResponse(
            responseCode = "404",
            description = "not_found (also another client's quote)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "invalid_transition (the quote is accepted, cancelled or expired; currentStatus),"
                    + " idempotency_key_in_flight (retryable, Retry-After)",
            headers = {
                @Header(name = ApiHeaders.IDEMPOTENT_REPLAYED, ref = ApiHeaders.IDEMPOTENT_REPLAYED),
                @Header(name = ApiHeaders.RETRY_AFTER, ref = ApiHeaders.RETRY_AFTER)
            },
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "credit_limit_exceeded (creditLimit, exposure, orderTotal), idempotency_key_reused",
            headers = @Header(name = ApiHeaders.IDEMPOTENT_REPLAYED, ref = ApiHeaders.IDEMPOTENT_REPLAYED),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "412",
            description = "version_conflict: If-Match names another version",
            headers = @Header(name = ApiHeaders.IDEMPOTENT_REPLAYED, ref = ApiHeaders.IDEMPOTENT_REPLAYED),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response accept(
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @PathParam("id") UUID id) {
        Caller who = caller.get();
        OptionalLong expected = version(ifMatch);
        UUID client = quotes.owner(id, who);
        return idempotent.run(client, "POST /v1/quotes/" + id + "/accept", idempotencyKey, null, claim -> {
            OrderView order = quotes.accept(id, client, expected, who.subject(), claim);
            return Response.created(URI.create("/v1/orders/" + order.id()))
                    .header(HttpHeaders.ETAG, Preconditions.etag(order.version()))
                    .entity(order)
                    .build();
        });
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed(Scopes.ORDERS_WRITE)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.ORDERS_WRITE)
    @Operation(
            operationId = "cancelQuote",
            summary = "Cancel a quote",
            description = "From open only; releases every hold, once. If-Match is honoured when sent.")
    @APIResponse(
            responseCode = "200",
            description = "the cancelled quote",
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = QuoteView.class)))
    @APIResponse(
            responseCode = "404",
            description = "not_found (also another client's quote)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "invalid_transition (currentStatus)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "412",
            description = "version_conflict: If-Match names another version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response cancel(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        QuoteView quote = quotes.cancel(id, caller.get(), version(ifMatch));
        return Response.ok(quote)
                .header(HttpHeaders.ETAG, Preconditions.etag(quote.version()))
                .build();
    }

    /** If-Match is honoured when sent (412 when stale), not required: SPEC §9 names no precondition here. */
    private static OptionalLong version(String ifMatch) {
        return ifMatch == null ? OptionalLong.empty() : Preconditions.expectedVersion(ifMatch);
    }

    private static UUID clientOf(Caller who, String clientId) {
        if (who.tenantId().isPresent()) {
            if (clientId != null) {
                throw DomainException.invalid("clientId", "the client comes from the access token");
            }
            return who.tenantId().get();
        }
        if (clientId == null) {
            throw DomainException.invalid("clientId", "an operator names the client of the quote with clientId");
        }
        return uuid(clientId);
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("clientId", "clientId must be a UUID");
        }
    }
}
