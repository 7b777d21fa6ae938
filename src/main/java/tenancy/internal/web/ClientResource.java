package tenancy.internal.web;

import apidoc.ApiFormats;
import apidoc.ApiHeaders;
import apidoc.ApiTags;
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
import tenancy.CurrentCaller;
import tenancy.Scopes;
import tenancy.internal.domain.ClientService;
import tenancy.internal.domain.ClientView;

/** Business clients: created and managed by operators, readable by the client itself. */
@Path("/v1/clients")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.CLIENTS)
public class ClientResource {

    private final ClientService clients;
    private final CurrentCaller caller;

    ClientResource(ClientService clients, CurrentCaller caller) {
        this.clients = clients;
        this.caller = caller;
    }

    /** One page of clients, as listed by {@code GET /v1/clients}. */
    @Schema(name = "ClientPage")
    public record ClientPage(
            @Schema(required = true) java.util.List<ClientView> items,

            @Schema(
                    required = true,
                    nullable = true,
                    description = "pass as cursor for the next page; null on the last")
            String nextCursor) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.CLIENTS_ADMIN)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.CLIENTS_ADMIN)
    @Operation(operationId = "createClient", summary = "Create a client")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CreateClientRequest.class)))
    @APIResponse(
            responseCode = "201",
            description = "the client, active",
            headers = {
                @Header(name = ApiHeaders.LOCATION, ref = ApiHeaders.LOCATION),
                @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG)
            },
            content = @Content(schema = @Schema(implementation = ClientView.class)))
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
    @Operation(
            operationId = "listClients",
            summary = "List clients",
            description = "Keyset pagination on (createdAt, id).")
    @APIResponse(
            responseCode = "200",
            description = "one page of clients",
            content = @Content(schema = @Schema(implementation = ClientPage.class)))
    public Page<ClientView> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return clients.list(PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @SecurityRequirement(name = "oauth2", scopes = Scopes.CLIENTS_ADMIN)
    @Operation(
            operationId = "getClient",
            summary = "Get a client",
            description = "clients:admin, or the client itself with any scope.")
    @APIResponse(
            responseCode = "200",
            description = "the client",
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG),
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
            operationId = "updateClient",
            summary = "Change a client (JSON merge patch)",
            description = "RFC 7396: limits, discount, rate limit, contact data and status (active/suspended); null"
                    + " clears the optional members. Also accepted as application/json. If-Match required.")
    @Parameter(name = ApiHeaders.IF_MATCH, in = ParameterIn.HEADER, required = true)
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = ApiFormats.MERGE_PATCH,
                            schema = @Schema(implementation = ClientPatchRequest.class)))
    @APIResponse(
            responseCode = "200",
            description = "the changed client",
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = ClientView.class)))
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
