package tenancy.internal.web;

import apidoc.ApiTags;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import tenancy.Scopes;
import tenancy.internal.domain.SigningKeys;
import tenancy.internal.domain.TokenConfig;

/** Discovery documents, so that quarkus-oidc and any other party verify our tokens the standard way. */
@Path("/.well-known")
@PermitAll
@Tag(name = ApiTags.OAUTH)
public class WellKnownResource {

    private final SigningKeys keys;
    private final TokenConfig config;

    /** The members of the metadata document, for the OpenAPI document (the answer itself is built as a map). */
    @Schema(name = "AuthorizationServerMetadata")
    public record ServerMetadata(
            @Schema(required = true) String issuer,
            @Schema(required = true) String token_endpoint,
            @Schema(required = true) String jwks_uri,
            @Schema(required = true) List<String> grant_types_supported,
            @Schema(required = true) List<String> token_endpoint_auth_methods_supported,
            @Schema(required = true) List<String> scopes_supported,
            @Schema(required = true) List<String> id_token_signing_alg_values_supported,
            @Schema(required = true) List<String> response_types_supported,
            @Schema(required = true) List<String> subject_types_supported) {}

    /** A JWK Set: the public keys, each a JSON Web Key (RFC 7517) with kty, kid, use, alg and its parameters. */
    @Schema(name = "JwkSet")
    public record JwkSet(@Schema(required = true) List<Map<String, Object>> keys) {}

    WellKnownResource(SigningKeys keys, TokenConfig config) {
        this.keys = keys;
        this.config = config;
    }

    @GET
    @Path("/openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "getOpenIdConfiguration",
            summary = "OpenID Provider / OAuth 2.0 authorization server metadata (RFC 8414)")
    @APIResponse(
            responseCode = "200",
            description = "issuer, token_endpoint, jwks_uri, supported grants, auth methods and scopes",
            content = @Content(schema = @Schema(implementation = ServerMetadata.class)))
    public Map<String, Object> configuration() {
        String issuer = config.issuer();
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return Map.of(
                "issuer", issuer,
                "token_endpoint", base + "/oauth2/token",
                "jwks_uri", base + "/.well-known/jwks.json",
                "grant_types_supported", List.of("client_credentials"),
                "token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"),
                "scopes_supported", Scopes.ALL,
                "id_token_signing_alg_values_supported", List.of("RS256"),
                "response_types_supported", List.of("token"),
                "subject_types_supported", List.of("public"));
    }

    @GET
    @Path("/jwks.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getJwks", summary = "Public keys that verify access tokens (JWK Set, RFC 7517)")
    @APIResponse(
            responseCode = "200",
            description = "the JWK Set",
            content = @Content(schema = @Schema(implementation = JwkSet.class)))
    public Response jwks() {
        String body = "{\"keys\":[" + String.join(",", keys.publishedJwks()) + "]}";
        return Response.ok(body).header("Cache-Control", "public, max-age=300").build();
    }
}
