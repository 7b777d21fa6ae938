package tenancy.internal.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import platform.error.Preconditions;
import platform.page.Page;
import platform.page.PageRequest;
import platform.web.Problem;
import tenancy.CurrentCaller;
import tenancy.Scopes;
import tenancy.internal.domain.ClientService;
import tenancy.internal.domain.ClientView;

/** Business clients: created and managed by operators, readable by the client itself. */
@Path("/v1/clients")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Clients")
@APIResponse(
        responseCode = "401",
        description = "unauthorized",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "403",
        description = "insufficient_scope, client_suspended",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ClientResource {

    private final ClientService clients;
    private final CurrentCaller caller;

    ClientResource(ClientService clients, CurrentCaller caller) {
        this.clients = clients;
        this.caller = caller;
    }

    /** One page of clients, as listed by {@code GET /v1/clients}. */
    @Schema(name = "ClientPage")
    public record ClientPage(java.util.List<ClientView> items, String nextCursor) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.CLIENTS_ADMIN)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.CLIENTS_ADMIN)
    @Operation(summary = "Create a client")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = ClientView.class)))
    @APIResponse(
            responseCode = "400",
            description = "invalid_request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull CreateClientRequest request) {
        ClientView client = clients.create(request.toNewClient());
        return Response.created(URI.create("/v1/clients/" + client.id()))
                .tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(client.version())))
                .entity(client)
                .build();
    }

    @GET
    @RolesAllowed(Scopes.CLIENTS_ADMIN)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.CLIENTS_ADMIN)
    @Operation(summary = "List clients", description = "Keyset pagination on (createdAt, id).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ClientPage.class)))
    @APIResponse(
            responseCode = "400",
            description = "invalid_request (limit or cursor)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ClientView> list(
            @QueryParam("limit") @Parameter(description = "1–200, default 50") String limit,
            @QueryParam("cursor") String cursor) {
        return clients.list(PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @SecurityRequirement(name = "oauth2", scopes = Scopes.CLIENTS_ADMIN)
    @Operation(summary = "Get a client", description = "clients:admin, or the client itself with any scope.")
    @APIResponse(
            responseCode = "200",
            headers = @org.eclipse.microprofile.openapi.annotations.headers.Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = ClientView.class)))
    @APIResponse(
            responseCode = "404",
            description = "not_found (also for another client's id)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        ClientView client = clients.get(id, caller.get());
        return Response.ok(client)
                .header(HttpHeaders.ETAG, Preconditions.etag(client.version()))
                .build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RolesAllowed(Scopes.CLIENTS_ADMIN)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.CLIENTS_ADMIN)
    @Operation(
            summary = "Change a client (JSON merge patch)",
            description =
                    "Limits, discount, rate limit, contact data and status (active/suspended). If-Match required.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ClientView.class)))
    @APIResponse(
            responseCode = "400",
            description = "invalid_request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "not_found",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "412",
            description = "version_conflict",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "428",
            description = "precondition_required",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response patch(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, JsonNode body) {
        var expected = Preconditions.expectedVersion(ifMatch);
        ClientView client = clients.patch(id, expected, ClientPatchReader.read(body));
        return Response.ok(client)
                .header(HttpHeaders.ETAG, Preconditions.etag(client.version()))
                .build();
    }
}
