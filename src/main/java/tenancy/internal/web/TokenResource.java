package tenancy.internal.web;

import apidoc.ApiDocument;
import apidoc.ApiHeaders;
import apidoc.ApiTags;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import platform.audit.AuditWriter;
import platform.error.DomainException;
import platform.error.ErrorCode;
import platform.web.Problem;
import tenancy.internal.domain.IssuedToken;
import tenancy.internal.domain.TokenError;
import tenancy.internal.domain.TokenService;
import tenancy.internal.security.FailedTokenRequests;
import tenancy.internal.security.RateLimiter;

/** The OAuth 2.0 token endpoint (client-credentials grant only). */
@Path("/oauth2/token")
@PermitAll
@Tag(name = ApiTags.OAUTH)
public class TokenResource {

    private final TokenService tokens;
    private final RateLimiter limiter;
    private final FailedTokenRequests failures;
    private final AuditWriter audit;

    TokenResource(TokenService tokens, RateLimiter limiter, FailedTokenRequests failures, AuditWriter audit) {
        this.audit = audit;
        this.failures = failures;
        this.tokens = tokens;
        this.limiter = limiter;
    }

    /** RFC 6749 §5.1 success body. */
    @Schema(name = "TokenResponse")
    public record TokenResponse(
            @Schema(required = true, description = "a signed JWT")
            String access_token,

            @Schema(required = true, enumeration = "Bearer") String token_type,

            @Schema(required = true, description = "seconds until the token expires")
            long expires_in,

            @Schema(required = true, description = "the granted scopes, space-separated")
            String scope) {}

    /** RFC 6749 §5.2 error body. */
    @Schema(name = "OAuthError")
    public record OAuthError(
            @Schema(
                    required = true,
                    enumeration = {
                        "invalid_request",
                        "invalid_client",
                        "invalid_grant",
                        "unauthorized_client",
                        "unsupported_grant_type",
                        "invalid_scope"
                    })
            String error,

            String error_description) {}

    /**
     * The form of a token request (RFC 6749 §4.4.2), for the OpenAPI document: the body itself is read as
     * a form map so that a repeated or unknown field is answered the OAuth way.
     */
    @Schema(name = "TokenRequest")
    public record TokenRequest(
            @Schema(required = true, enumeration = "client_credentials")
            String grant_type,

            @Schema(description = "space-separated subset of the credential's scopes; default: all of them")
            String scope,

            @Schema(description = "with client_secret, instead of HTTP Basic")
            String client_id,

            @Schema(description = "with client_id, instead of HTTP Basic", format = "password")
            String client_secret) {}

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "requestToken",
            summary = "Get an access token",
            description = "grant_type=client_credentials; credentials as HTTP Basic or client_id/client_secret form "
                    + "fields (not both); optional space-separated scope, a subset of the credential's.")
    @SecurityRequirement(name = ApiDocument.CLIENT_BASIC)
    @SecurityRequirementsSet
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_FORM_URLENCODED,
                            schema = @Schema(implementation = TokenRequest.class)))
    @APIResponse(
            responseCode = "200",
            description = "the access token (Cache-Control: no-store)",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "invalid_request, unsupported_grant_type, invalid_scope, unauthorized_client (RFC 6749 §5.2)",
            content = @Content(schema = @Schema(implementation = OAuthError.class)))
    @APIResponse(
            responseCode = "401",
            description = "invalid_client: the same answer for an unknown id, a wrong secret and a revoked credential",
            content = @Content(schema = @Schema(implementation = OAuthError.class)))
    @APIResponse(
            responseCode = "429",
            description = "rate_limited (attempts per remote address; failed attempts per client id and address);"
                    + " retry after Retry-After seconds",
            headers = @Header(name = ApiHeaders.RETRY_AFTER, ref = ApiHeaders.RETRY_AFTER),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response token(
            MultivaluedMap<String, String> form,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            HttpServerRequest request) {
        String address = request.remoteAddress() == null
                ? "unknown"
                : request.remoteAddress().hostAddress();
        limit("token-address:" + address, limiter.config().tokenPerAddressPerMinute());
        String grantType = single(form, "grant_type");
        if (grantType == null) {
            throw TokenError.invalidRequest("grant_type is required");
        }
        if (!"client_credentials".equals(grantType)) {
            throw TokenError.unsupportedGrantType();
        }
        String[] credentials = credentials(form, authorization);
        long blocked = failures.blockedFor(credentials[0], address);
        if (blocked > 0) {
            throw new DomainException(
                            ErrorCode.RATE_LIMITED,
                            "Too many failed attempts for this client id from this address; retry after " + blocked
                                    + " s")
                    .retryAfter(blocked);
        }
        IssuedToken token;
        try {
            token = tokens.issue(credentials[0], credentials[1], single(form, "scope"));
        } catch (TokenError refused) {
            if ("invalid_client".equals(refused.error())) {
                failures.failed(credentials[0], address);
            }
            audit.recordRefusal(
                    "token.refused",
                    credentials[0],
                    java.util.Map.of("error", refused.error(), "address", address),
                    "client_id:" + credentials[0],
                    null);
            throw refused;
        }
        return Response.ok(new TokenResponse(token.accessToken(), "Bearer", token.expiresIn(), token.scope()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .build();
    }

    /** A body that is not a form is refused the OAuth way, not with a 415 the client library cannot read. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response notAForm() {
        throw TokenError.invalidRequest("the body must be application/x-www-form-urlencoded");
    }

    /** Refuses with 429 when the bucket is empty: guessing secrets or ids costs time. */
    private void limit(String key, int perMinute) {
        if (!limiter.config().enabled()) {
            return;
        }
        RateLimiter.Decision decision = limiter.takeNow(key, perMinute, Math.max(1, perMinute / 6));
        if (!decision.allowed()) {
            throw new DomainException(
                            ErrorCode.RATE_LIMITED,
                            "Too many token requests; retry after " + decision.retryAfterSeconds() + " s")
                    .retryAfter(decision.retryAfterSeconds());
        }
    }

    private static String[] credentials(MultivaluedMap<String, String> form, String authorization) {
        String formId = single(form, "client_id");
        String formSecret = single(form, "client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            if (formSecret != null) {
                throw TokenError.invalidRequest("use one client authentication method, not both");
            }
            String decoded;
            try {
                decoded = new String(
                        Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw TokenError.invalidClient();
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw TokenError.invalidClient();
            }
            // RFC 6749 §2.3.1: both parts are form-urlencoded before Basic encoding
            String id;
            String secret;
            try {
                id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
                secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw TokenError.invalidClient();
            }
            if (id.indexOf('\0') >= 0 || secret.indexOf('\0') >= 0) {
                throw TokenError.invalidClient();
            }
            if (formId != null && !formId.equals(id)) {
                throw TokenError.invalidRequest("client_id differs from the Basic credentials");
            }
            return new String[] {id, secret};
        }
        if (formId == null || formSecret == null) {
            throw TokenError.invalidClient();
        }
        return new String[] {formId, formSecret};
    }

    private static String single(MultivaluedMap<String, String> form, String name) {
        List<String> values = form == null ? null : form.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw TokenError.invalidRequest(name + " must not be repeated");
        }
        String value = values.get(0);
        if (value != null && value.indexOf('\0') >= 0) {
            throw TokenError.invalidRequest(name + " must not contain NUL characters");
        }
        return value == null || value.isEmpty() ? null : value;
    }

    @ServerExceptionMapper
    public Response tokenError(TokenError e, HttpHeaders headers) {
        Response.ResponseBuilder builder = Response.status(e.status())
                .type(MediaType.APPLICATION_JSON)
                .entity(new OAuthError(e.error(), e.getMessage()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache");
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (e.status() == 401 && authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"quartermaster\"");
        }
        return builder.build();
    }
}
