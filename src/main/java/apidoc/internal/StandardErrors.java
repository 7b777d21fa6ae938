package apidoc.internal;

import apidoc.ApiDocument;
import apidoc.ApiHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Gives one operation what follows from its shape rather than from its meaning: the problem answers
 * every operation can give (500, 503; 401, 403, 429 when it needs a token; 400 when it reads a body, a
 * query or a header; 404 with path parameters, whose unreadable values JAX-RS answers with 404; 413 and 415 with a JSON body), the rate-limit headers of an authenticated answer,
 * and the shared definitions of {@code limit}, {@code cursor}, {@code If-Match} and {@code Idempotency-Key}.
 * An answer the operation declares itself is kept as declared.
 */
final class StandardErrors {

    private StandardErrors() {}

    static void complete(Operation op) {
        List<Parameter> parameters = op.getParameters() == null ? List.of() : op.getParameters();
        op.setParameters(parameters.isEmpty() ? null : normalised(parameters));
        boolean secured = secured(op);
        boolean body = op.getRequestBody() != null;
        boolean jsonBody = body
                && op.getRequestBody().getContent() != null
                && op.getRequestBody().getContent().getMediaTypes().keySet().stream()
                        .anyMatch(type -> type.contains("json"));
        APIResponses responses = op.getResponses() == null ? OASFactory.createAPIResponses() : op.getResponses();
        op.setResponses(responses);
        if (secured) {
            for (APIResponse response : responses.getAPIResponses().values()) {
                if (response.getRef() == null) {
                    SharedComponents.rateLimited(response);
                }
            }
        }
        if (body || parameters.stream().anyMatch(p -> p.getRef() != null || p.getIn() != Parameter.In.PATH)) {
            add(responses, "400", SharedComponents.BAD_REQUEST);
        }
        if (secured) {
            add(responses, "401", SharedComponents.UNAUTHORIZED);
            add(responses, "403", SharedComponents.FORBIDDEN);
        }
        if (parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH)) {
            add(responses, "404", SharedComponents.NOT_FOUND);
        }
        if (body) {
            add(responses, "413", SharedComponents.PAYLOAD_TOO_LARGE);
        }
        if (jsonBody) {
            add(responses, "415", SharedComponents.UNSUPPORTED_MEDIA_TYPE);
        }
        if (secured) {
            add(responses, "429", SharedComponents.TOO_MANY_REQUESTS);
        }
        add(responses, "500", SharedComponents.INTERNAL_ERROR);
        add(responses, "503", SharedComponents.UNAVAILABLE);
    }

    /** An operation is authenticated when it names the OAuth 2.0 scheme. */
    static boolean secured(Operation op) {
        return op.getSecurity() != null
                && op.getSecurity().stream()
                        .anyMatch(requirement -> requirement.getSchemes() != null
                                && requirement.getSchemes().containsKey(ApiDocument.OAUTH2));
    }

    /**
     * Adds the shared answer for {@code code}, unless the operation declares its own; an error answer
     * without content (the framework adds bare 401/403 for some secured methods) is replaced by the shared one.
     */
    private static void add(APIResponses responses, String code, String ref) {
        APIResponse declared = responses.getAPIResponse(code);
        if (declared == null || (declared.getRef() == null && declared.getContent() == null)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().ref(ref));
        }
    }

    private static List<Parameter> normalised(List<Parameter> parameters) {
        List<Parameter> result = new ArrayList<>(parameters.size());
        for (Parameter p : parameters) {
            if (p.getRef() != null) {
                result.add(p);
            } else if (p.getIn() == Parameter.In.QUERY && SharedComponents.LIMIT.equals(p.getName())) {
                result.add(OASFactory.createParameter().ref(SharedComponents.LIMIT));
            } else if (p.getIn() == Parameter.In.QUERY && SharedComponents.CURSOR.equals(p.getName())) {
                result.add(OASFactory.createParameter().ref(SharedComponents.CURSOR));
            } else if (p.getIn() == Parameter.In.HEADER && ApiHeaders.IF_MATCH.equalsIgnoreCase(p.getName())) {
                result.add(p.name(ApiHeaders.IF_MATCH)
                        .description(
                                Boolean.TRUE.equals(p.getRequired())
                                        ? "The ETag last read; required (missing: 428, stale: 412 version_conflict)."
                                        : "The ETag last read; when sent and stale: 412 version_conflict.")
                        .schema(OASFactory.createSchema()
                                .addType(Schema.SchemaType.STRING)
                                .example("\"3\"")));
            } else if (p.getIn() == Parameter.In.HEADER && ApiHeaders.IDEMPOTENCY_KEY.equalsIgnoreCase(p.getName())) {
                result.add(p.name(ApiHeaders.IDEMPOTENCY_KEY)
                        .description("The client's key for safe retries, kept 24 h: the same key and body get the"
                                + " first answer again (Idempotent-Replayed: true); another body: 422"
                                + " idempotency_key_reused; while the first is running: 409 idempotency_key_in_flight.")
                        .schema(OASFactory.createSchema()
                                .addType(Schema.SchemaType.STRING)
                                .minLength(1)
                                .maxLength(255)));
            } else {
                result.add(p);
            }
        }
        return result;
    }

    /** The headers a response declares, never null. */
    static Map<String, Header> headers(APIResponse response) {
        return response.getHeaders() == null ? Map.of() : response.getHeaders();
    }
}
