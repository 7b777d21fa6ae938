package integration.internal.web;

import apidoc.ApiTags;
import apidoc.Vocabulary;
import integration.internal.outbox.CloudEvent;
import integration.internal.outbox.EventCatalog;
import integration.internal.outbox.EventFeed;
import integration.internal.outbox.FeedPosition;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
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
import tenancy.CurrentCaller;
import tenancy.Scopes;

/** {@code GET /v1/events}: the outbox as a paginated pull feed. */
@Path("/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.EVENTS)
public class EventFeedResource {

    private final EventFeed feed;
    private final EventCatalog catalog;
    private final CurrentCaller caller;

    EventFeedResource(EventFeed feed, EventCatalog catalog, CurrentCaller caller) {
        this.feed = feed;
        this.catalog = catalog;
        this.caller = caller;
    }

    /** One page of events; keep {@code nextCursor} and pass it as {@code after} to continue. */
    @Schema(name = "EventPage")
    public record EventPage(
            @Schema(required = true) List<CloudEvent> items,

            @Schema(required = true, description = "pass as after to read what happened since; always set")
            String nextCursor) {}

    @GET
    @RolesAllowed({Scopes.ORDERS_READ, Scopes.INVENTORY_READ})
    @SecurityRequirement(name = "oauth2", scopes = "orders:read")
    @SecurityRequirement(name = "oauth2", scopes = "inventory:read")
    @Operation(
            operationId = "listEvents",
            summary = "Read the event feed",
            description = "CloudEvents in commit-safe order. A client sees its own order events and all stock events. "
                    + "nextCursor is always set: pass it as after to get what happened since.")
    @APIResponse(
            responseCode = "200",
            description = "one page of events, oldest first",
            content = @Content(schema = @Schema(implementation = EventPage.class)))
    public Page<CloudEvent> read(
            @QueryParam("after") @Parameter(description = "nextCursor of the previous page") String after,
            @QueryParam("type")
                    @Parameter(
                            description = "repeatable",
                            schema = @Schema(type = SchemaType.ARRAY, implementation = Vocabulary.EventType.class))
                    List<String> types,
            @QueryParam("limit") String limit) {
        List<String> wanted = types == null ? List.of() : types;
        for (String type : wanted) {
            if (!catalog.knows(type)) {
                throw DomainException.invalid("type", "type must be one of " + String.join(", ", catalog.types()));
            }
        }
        return feed.read(
                FeedPosition.decode(after),
                PageRequest.of(limit, null).limit(),
                wanted,
                caller.get().tenantId().orElse(null));
    }
}
