package platform.web;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import platform.error.ErrorCode;
import platform.error.FieldError;

/** Builds {@code application/problem+json} responses for the request being served. */
@ApplicationScoped
public class ProblemResponses {

    /** Every 503 tells the caller when to retry: a dependency that timed out is usually back within seconds. */
    public static final Long DEPENDENCY_RETRY_AFTER_SECONDS = 5L;

    private final CurrentVertxRequest currentRequest;

    ProblemResponses(CurrentVertxRequest currentRequest) {
        this.currentRequest = currentRequest;
    }

    public Response build(ErrorCode code, String detail) {
        return build(code, detail, List.of(), Map.of());
    }

    public Response build(ErrorCode code, String detail, List<FieldError> errors, Map<String, Object> extensions) {
        return build(code, detail, errors, extensions, null);
    }

    public Response build(
            ErrorCode code,
            String detail,
            List<FieldError> errors,
            Map<String, Object> extensions,
            Long retryAfterSeconds) {
        RoutingContext rc = currentRequest.getCurrent();
        String instance = rc == null ? null : rc.request().path();
        Problem problem = Problem.of(code, detail, instance, traceId(), errors, extensions);
        Response.ResponseBuilder builder =
                Response.status(code.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (retryAfterSeconds != null) {
            builder.header("Retry-After", String.valueOf(retryAfterSeconds));
        } else if (Boolean.TRUE.equals(problem.retryable())) {
            builder.header("Retry-After", "1");
        }
        return builder.build();
    }

    /** "METHOD /path" of the request being served, or null outside a request (what refusals are audited with). */
    public String requestLine() {
        RoutingContext rc = currentRequest.getCurrent();
        return rc == null ? null : rc.request().method() + " " + rc.request().path();
    }

    public String traceId() {
        return TraceIds.of(currentRequest.getCurrent());
    }
}
