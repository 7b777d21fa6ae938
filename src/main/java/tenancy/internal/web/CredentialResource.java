package tenancy.internal.web;

import apidoc.ApiHeaders;
import apidoc.ApiTags;
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
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import tenancy.Scopes;
import tenancy.internal.domain.CredentialService;
import tenancy.internal.domain.CredentialView;

/** Credentials of a client: the secret is shown once, at creation; revocation is immediate. */
@Path("/v1/clients/{id}/credentials")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.CLIENTS_ADMIN)
@SecurityRequirement(name = "oauth2", scopes = Scopes.CLIENTS_ADMIN)
@Tag(name = ApiTags.CLIENTS)
public class CredentialResource {

    private final CredentialService credentials;

    CredentialResource(CredentialService credentials) {
        this.credentials = credentials;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createCredential",
            summary = "Create a credential",
            description = "Answers the client secret once; store it safely. Without scopes the credential gets every"
                    + " client scope.")
    @RequestBody(content = @Content(schema = @Schema(implementation = CreateCredentialRequest.class)))
    @APIResponse(
            responseCode = "201",
            description = "the credential with its clientSecret (shown this once)",
            headers = @Header(name = ApiHeaders.LOCATION, ref = ApiHeaders.LOCATION),
            content = @Content(schema = @Schema(implementation = CredentialView.class)))
    public Response create(@PathParam("id") UUID clientId, @Valid CreateCredentialRequest request) {
        CreateCredentialRequest body = request == null ? new CreateCredentialRequest(null, null) : request;
        CredentialView credential = credentials.create(clientId, body.name(), body.scopes());
        return Response.created(URI.create("/v1/clients/" + clientId + "/credentials/" + credential.id()))
                .header("Cache-Control", "no-store")
                .entity(credential)
                .build();
    }

    @GET
    @Operation(operationId = "listCredentials", summary = "List a client's credentials (without secrets)")
    @APIResponse(
            responseCode = "200",
            description = "every credential of the client, revoked ones included",
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
            operationId = "revokeCredential",
            summary = "Revoke a credential",
            description = "No new tokens; tokens already issued are refused at once.")
    @APIResponse(responseCode = "204", description = "revoked")
    public Response revoke(@PathParam("id") UUID clientId, @PathParam("credentialId") UUID credentialId) {
        credentials.revoke(clientId, credentialId);
        return Response.noContent().build();
    }
}
