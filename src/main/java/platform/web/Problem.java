package platform.web;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import platform.error.ErrorCode;
import platform.error.FieldError;

/**
 * An RFC 9457 problem document, as every failure of the API is answered. The members particular codes add
 * ({@code shortages}, {@code creditLimit}, …) are declared for the OpenAPI document by {@code apidoc}.
 */
@Schema(
        name = "Problem",
        description = "RFC 9457 problem details. Members beyond these may be added; clients must ignore unknown ones.",
        requiredProperties = {"type", "title", "status", "code"})
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "code", "traceId", "retryable", "errors"})
public record Problem(
        @Schema(description = "URI naming the kind of problem", format = "uri")
        String type,

        String title,

        @Schema(minimum = "400", maximum = "599") int status,

        @Schema(description = "what went wrong, for a person")
        String detail,

        @Schema(description = "path of the request that failed")
        String instance,

        @Schema(description = "stable snake_case machine code (SPEC §8)", examples = "insufficient_stock")
        String code,

        @Schema(description = "quote it when reporting a problem")
        String traceId,

        @Schema(description = "true when the same request may succeed later (after Retry-After)")
        Boolean retryable,

        @Schema(description = "every problem of the request body, each with a JSON Pointer")
        List<FieldError> errors,

        @Schema(hidden = true) Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://quartermaster.dev/problems/";

    public static Problem of(
            ErrorCode code,
            String detail,
            String instance,
            String traceId,
            List<FieldError> errors,
            Map<String, Object> extensions) {
        Boolean retryable = code.status() == 429 || code.status() == 503 || code == ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT
                ? Boolean.TRUE
                : null;
        return new Problem(
                TYPE_BASE + code.code(),
                code.title(),
                code.status(),
                detail,
                instance,
                code.code(),
                traceId,
                retryable,
                errors == null || errors.isEmpty() ? null : errors,
                extensions == null ? Map.of() : extensions);
    }

    /** Extension members (such as {@code shortages}) are written beside the standard ones. */
    @JsonAnyGetter
    public Map<String, Object> extensions() {
        return extensions;
    }
}
