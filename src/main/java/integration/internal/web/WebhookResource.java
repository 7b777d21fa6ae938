package integration.internal.web;

import apidoc.ApiHeaders;
import apidoc.ApiTags;
import apidoc.Vocabulary;
import integration.internal.webhooks.WebhookService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import platform.error.DomainException;
import platform.error.ErrorCode;
import platform.page.Page;
import platform.page.PageRequest;
import platform.page.SequenceCursor;
import platform.web.Problem;
import tenancy.CurrentCaller;
import tenancy.Scopes;

/** Webhook subscriptions of the calling client, with their delivery log. */
@Path("/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.WEBHOOKS_MANAGE)
@SecurityRequirement(name = "oauth2", scopes = Scopes.WEBHOOKS_MANAGE)
@Tag(name = ApiTags.WEBHOOKS)
public class WebhookResource {

    private final WebhookService webhooks;
    private final CurrentCaller caller;

    WebhookResource(WebhookService webhooks, CurrentCaller caller) {
        this.webhooks = webhooks;
        this.caller = caller;
    }

    /** Body of {@code POST /v1/webhooks}. */
    @Schema(name = "CreateWebhookRequest")
    public record CreateRequest(
            @NotNull @Size(max = 2000) @Schema(examples = "https://erp.example.com/hooks/qm")
            String url,

            @NotNull
            @Size(min = 1, max = 3)
            @Schema(type = SchemaType.ARRAY, implementation = Vocabulary.EventType.class)
            List<String> eventTypes) {}

    /** A page of subscriptions. */
    @Schema(name = "WebhookSubscriptionPage")
    public record SubscriptionPage(
            @Schema(required = true) List<WebhookService.Subscription> items,

            @Schema(
                    required = true,
                    nullable = true,
                    description = "pass as cursor for the next page; null on the last")
            String nextCursor) {}

    /** A page of deliveries. */
    @Schema(name = "WebhookDeliveryPage")
    public record DeliveryPage(
            @Schema(required = true) List<WebhookService.Delivery> items,

            @Schema(
                    required = true,
                    nullable = true,
                    description = "pass as cursor for the next page; null on the last")
            String nextCursor) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createWebhook",
            summary = "Subscribe to events",
            description = "Answers the signing secret once. Targets must be public https URLs (SSRF protection).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CreateRequest.class)))
    @APIResponse(
            responseCode = "201",
            description = "the subscription with its signing secret (shown this once)",
            headers = @Header(name = ApiHeaders.LOCATION, ref = ApiHeaders.LOCATION),
            content = @Content(schema = @Schema(implementation = WebhookService.Subscription.class)))
    @APIResponse(
            responseCode = "400",
            description = "invalid_request (also a refused target)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull CreateRequest request) {
        UUID client = tenant().orElseThrow(() ->
                new DomainException(ErrorCode.INSUFFICIENT_SCOPE, "Webhooks are subscribed with a client's token"));
        WebhookService.Subscription created = webhooks.create(client, request.url(), request.eventTypes());
        return Response.created(URI.create("/v1/webhooks/" + created.id()))
                .header("Cache-Control", "no-store")
                .entity(created)
                .build();
    }

    @GET
    @Operation(
            operationId = "listWebhooks",
            summary = "List subscriptions",
            description = "A client's own; an operator's: all.")
    @APIResponse(
            responseCode = "200",
            description = "one page of subscriptions (without secrets)",
            content = @Content(schema = @Schema(implementation = SubscriptionPage.class)))
    public Page<WebhookService.Subscription> list(
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return webhooks.list(
                tenant().orElse(null),
                SequenceCursor.decode(cursor),
                PageRequest.of(limit, null).limit());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getWebhook", summary = "Get a subscription")
    @APIResponse(
            responseCode = "200",
            description = "the subscription (without its secret)",
            content = @Content(schema = @Schema(implementation = WebhookService.Subscription.class)))
    @APIResponse(
            responseCode = "404",
            description = "not_found (also another client's)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WebhookService.Subscription get(@PathParam("id") UUID id) {
        return webhooks.get(id, tenant().orElse(null));
    }

    @DELETE
    @Path("/{id}")
    @Operation(
            operationId = "deleteWebhook",
            summary = "Delete a subscription",
            description = "Pending deliveries are abandoned.")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(
            responseCode = "404",
            description = "not_found",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") UUID id) {
        webhooks.delete(id, tenant().orElse(null));
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "The delivery log of a subscription")
    @APIResponse(
            responseCode = "200",
            description = "one page of deliveries, newest first",
            content = @Content(schema = @Schema(implementation = DeliveryPage.class)))
    @APIResponse(
            responseCode = "404",
            description = "not_found",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<WebhookService.Delivery> deliveries(
            @PathParam("id") UUID id, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return webhooks.deliveries(
                id,
                tenant().orElse(null),
                SequenceCursor.decode(cursor),
                PageRequest.of(limit, null).limit());
    }

    private java.util.Optional<UUID> tenant() {
        return caller.get().tenantId();
    }
}
