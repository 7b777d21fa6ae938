package tenancy.internal.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import platform.web.Problem;
import tenancy.Scopes;
import tenancy.internal.domain.CredentialService;
import tenancy.internal.domain.CredentialView;

/** Credentials of a client: the secret is shown once, at creation; revocation is immediate. */
@Path("/v1/clients/{id}/credentials")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.CLIENTS_ADMIN)
@SecurityRequirement(name = "oauth2", scopes = Scopes.CLIENTS_ADMIN)
@Tag(name = "Clients")
@APIResponse(
        responseCode = "401",
        description = "unauthorized",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "403",
        description = "insufficient_scope",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "404",
        description = "not_found",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CredentialResource {

    private final CredentialService credentials;

    CredentialResource(CredentialService credentials) {
        this.credentials = credentials;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a credential", description = "Answers the client secret once; store it safely.")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = CredentialView.class)))
    @APIResponse(
            responseCode = "400",
            description = "invalid_request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@PathParam("id") UUID clientId, @Valid CreateCredentialRequest request) {
        CreateCredentialRequest body = request == null ? new CreateCredentialRequest(null, null) : request;
        CredentialView credential = credentials.create(clientId, body.name(), body.scopes());
        return Response.created(URI.create("/v1/clients/" + clientId + "/credentials/" + credential.id()))
                .header("Cache-Control", "no-store")
                .entity(credential)
                .build();
    }

    @GET
    @Operation(summary = "List a client's credentials (without secrets)")
    @APIResponse(
            responseCode = "200",
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            implementation = CredentialView.class,
                                            type =
                                                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType
                                                            .ARRAY)))
    public List<CredentialView> list(@PathParam("id") UUID clientId) {
        return credentials.list(clientId);
    }

    @DELETE
    @Path("/{credentialId}")
    @Operation(
            summary = "Revoke a credential",
            description = "No new tokens; tokens already issued are refused at once.")
    @APIResponse(responseCode = "204", description = "revoked")
    public Response revoke(@PathParam("id") UUID clientId, @PathParam("credentialId") UUID credentialId) {
        credentials.revoke(clientId, credentialId);
        return Response.noContent().build();
    }
}
