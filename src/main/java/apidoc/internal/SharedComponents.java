package apidoc.internal;

import apidoc.ApiFormats;
import apidoc.ApiHeaders;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * The reusable headers, parameters and problem responses of the document, registered once in
 * {@code components} so that every operation refers to the same definitions.
 */
final class SharedComponents {

    static final String BAD_REQUEST = "BadRequest";
    static final String UNAUTHORIZED = "Unauthorized";
    static final String FORBIDDEN = "Forbidden";
    static final String NOT_FOUND = "NotFound";
    static final String PAYLOAD_TOO_LARGE = "PayloadTooLarge";
    static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
    static final String TOO_MANY_REQUESTS = "TooManyRequests";
    static final String INTERNAL_ERROR = "InternalError";
    static final String UNAVAILABLE = "Unavailable";

    static final String LIMIT = "limit";
    static final String CURSOR = "cursor";

    static final List<String> RATE_LIMIT_HEADERS =
            List.of(ApiHeaders.RATE_LIMIT_LIMIT, ApiHeaders.RATE_LIMIT_REMAINING, ApiHeaders.RATE_LIMIT_RESET);

    private SharedComponents() {}

    static void addTo(Components components) {
        headers(components);
        parameters(components);
        responses(components);
    }

    private static void headers(Components c) {
        c.addHeader(
                ApiHeaders.ETAG,
                header("The resource's version as a strong entity tag, such as \"7\"; send it back in If-Match.")
                        .schema(string().example("\"7\"")));
        c.addHeader(
                ApiHeaders.LOCATION,
                header("Where the created resource, or the accepted batch, can be read.")
                        .schema(string().format("uri-reference")
                                .example("/v1/orders/0190b4d2-5b6e-7c1a-9f00-4d3c2b1a0e9f")));
        c.addHeader(
                ApiHeaders.IDEMPOTENT_REPLAYED,
                header("true when this is the stored answer of an earlier request with the same Idempotency-Key.")
                        .schema(string().enumeration(List.of("true"))));
        c.addHeader(
                ApiHeaders.RATE_LIMIT_LIMIT,
                header("Requests per minute allowed to this credential.").schema(count()));
        c.addHeader(
                ApiHeaders.RATE_LIMIT_REMAINING,
                header("Requests left in the current burst allowance.").schema(count()));
        c.addHeader(
                ApiHeaders.RATE_LIMIT_RESET,
                header("Seconds until the allowance is full again.").schema(count()));
        c.addHeader(
                ApiHeaders.RETRY_AFTER,
                header("Seconds to wait before retrying.").schema(count()));
    }

    private static void parameters(Components c) {
        c.addParameter(
                LIMIT,
                OASFactory.createParameter()
                        .name(LIMIT)
                        .in(Parameter.In.QUERY)
                        .description("Page size: 1 to 200 (outside that range: 400).")
                        .schema(OASFactory.createSchema()
                                .addType(Schema.SchemaType.INTEGER)
                                .format("int32")
                                .minimum(BigDecimal.ONE)
                                .maximum(BigDecimal.valueOf(200))
                                .defaultValue(50)));
        c.addParameter(
                CURSOR,
                OASFactory.createParameter()
                        .name(CURSOR)
                        .in(Parameter.In.QUERY)
                        .description(
                                "Opaque position from the previous page's nextCursor (one that does not parse: 400).")
                        .schema(string()));
    }

    private static void responses(Components c) {
        c.addResponse(BAD_REQUEST, problem("invalid_request: a parameter, header or body is malformed or invalid"));
        c.addResponse(
                UNAUTHORIZED,
                problem(
                        "unauthorized: the bearer token is missing, invalid or expired; invalid_token: the token is genuine but"
                                + " names no client (its tenant claim is not a client id) and no operator"));
        c.addResponse(
                FORBIDDEN,
                rateLimited(problem("insufficient_scope: the token lacks the scope; client_suspended: the client is"
                        + " suspended")));
        c.addResponse(NOT_FOUND, rateLimited(problem("not_found (also for another client's resources)")));
        c.addResponse(
                PAYLOAD_TOO_LARGE, rateLimited(problem("payload_too_large: the body is over the configured limit")));
        c.addResponse(
                UNSUPPORTED_MEDIA_TYPE,
                rateLimited(problem("unsupported_media_type: the body's Content-Type is not accepted here")));
        c.addResponse(
                TOO_MANY_REQUESTS,
                rateLimited(problem("rate_limited: over the rate limit; retry after Retry-After seconds"))
                        .addHeader(ApiHeaders.RETRY_AFTER, ref(ApiHeaders.RETRY_AFTER)));
        c.addResponse(INTERNAL_ERROR, rateLimited(problem("internal_error: an unexpected failure; quote the traceId")));
        c.addResponse(
                UNAVAILABLE,
                rateLimited(problem("unavailable: a dependency is down; retryable after Retry-After seconds"))
                        .addHeader(ApiHeaders.RETRY_AFTER, ref(ApiHeaders.RETRY_AFTER)));
    }

    /** Declares the rate-limit headers on a response of an authenticated operation. */
    static APIResponse rateLimited(APIResponse response) {
        for (String name : RATE_LIMIT_HEADERS) {
            if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
                response.addHeader(name, ref(name));
            }
        }
        return response;
    }

    static Header ref(String name) {
        return OASFactory.createHeader().ref(name);
    }

    private static APIResponse problem(String description) {
        return OASFactory.createAPIResponse()
                .description(description)
                .content(OASFactory.createContent()
                        .addMediaType(
                                ApiFormats.PROBLEM,
                                OASFactory.createMediaType()
                                        .schema(OASFactory.createSchema().ref("Problem"))));
    }

    private static Header header(String description) {
        return OASFactory.createHeader().description(description);
    }

    private static Schema string() {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    }

    private static Schema count() {
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.INTEGER)
                .format("int64")
                .minimum(BigDecimal.ZERO);
    }
}
