package operations.internal.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import platform.error.DomainException;
import platform.error.ErrorCode;
import platform.error.FieldError;
import platform.web.ProblemResponses;

/**
 * The HTTP edge's refusals as problem documents: a body that is not JSON, has the wrong shape or breaks a
 * constraint (with the JSON Pointer of every offending value), an unknown path, a method, media type or
 * representation this resource does not serve. The kernel maps its own refusals and the unexpected
 * ({@code platform.internal.web.ProblemMappers}); the security framework's are tenancy's.
 */
public class RequestProblems {

    private static final Logger LOG = Logger.getLogger(RequestProblems.class);

    private final ProblemResponses problems;

    RequestProblems(ProblemResponses problems) {
        this.problems = problems;
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
        return problems.build(
                ErrorCode.INVALID_REQUEST,
                "The request body is not well-formed JSON",
                List.of(FieldError.of(
                        "",
                        "malformed_json",
                        "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                                + e.getLocation().getColumnNr())),
                Map.of());
    }

    @ServerExceptionMapper
    public Response unknownProperty(PropertyBindingException e) {
        String pointer = JsonPointers.of(e.getPath());
        return problems.build(
                ErrorCode.INVALID_REQUEST,
                "Unknown property '" + e.getPropertyName() + "'",
                List.of(FieldError.of(pointer, "unknown_property", "this property is not allowed here")),
                Map.of());
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e) {
        return wrongType(e);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return wrongType(e);
    }

    @ServerExceptionMapper
    public Response valueInstantiation(ValueInstantiationException e) {
        String message = e.getCause() != null && e.getCause().getMessage() != null
                ? e.getCause().getMessage()
                : "invalid value";
        return problems.build(
                ErrorCode.INVALID_REQUEST,
                "The request body could not be read",
                List.of(FieldError.of(JsonPointers.of(e.getPath()), "invalid", message)),
                Map.of());
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e) {
        return wrongType(e);
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException e) {
        return problems.build(ErrorCode.INVALID_REQUEST, "The request body could not be read");
    }

    private Response wrongType(JsonMappingException e) {
        String pointer = JsonPointers.of(e.getPath());
        if (e.getCause() instanceof DomainException refused && !refused.errors().isEmpty()) {
            // a value our own deserializers refused (TextPolicy): their message, the precise pointer
            String where = pointer.isEmpty() ? refused.errors().get(0).pointer() : pointer;
            String why = refused.errors().get(0).message();
            return problems.build(
                    refused.code(), where + ": " + why, List.of(FieldError.of(where, "invalid", why)), Map.of());
        }
        String message = pointer.isEmpty()
                ? "the request body has the wrong shape"
                : "wrong type or value for " + pointer.substring(1);
        if (e instanceof MismatchedInputException mie && mie.getTargetType() != null) {
            message += " (expected " + describe(mie.getTargetType()) + ")";
        }
        return problems.build(
                ErrorCode.INVALID_REQUEST, message, List.of(FieldError.of(pointer, "invalid_type", message)), Map.of());
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == java.math.BigDecimal.class) {
            return "a number or a decimal string";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of the allowed values";
        }
        return "an object";
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(FieldError.of(pointer(v.getPropertyPath()), "invalid", v.getMessage()));
        }
        errors.sort(java.util.Comparator.comparing(FieldError::pointer));
        return problems.build(
                ErrorCode.INVALID_REQUEST,
                errors.size() == 1
                        ? errors.get(0).pointer() + ": " + errors.get(0).message()
                        : errors.size() + " problems in the request",
                errors,
                Map.of());
    }

    /** Drops the method and parameter nodes so that only the path inside the body (or the parameter name) remains. */
    private static String pointer(Path path) {
        StringBuilder sb = new StringBuilder();
        String parameterName = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameterName = node.getName();
                continue;
            }
            if (node.getIndex() != null) {
                sb.append('/').append(node.getIndex());
            } else if (node.getKey() != null) {
                sb.append('/').append(JsonPointers.escape(String.valueOf(node.getKey())));
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                sb.append('/').append(JsonPointers.escape(node.getName()));
            }
        }
        if (sb.isEmpty()
                && parameterName != null
                && !"request".equals(parameterName)
                && !"body".equals(parameterName)) {
            return parameterName;
        }
        return sb.toString();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return problems.build(ErrorCode.NOT_FOUND, "No resource at this path");
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        Response response = problems.build(ErrorCode.METHOD_NOT_ALLOWED, "This method is not allowed on this resource");
        return Response.fromResponse(response)
                .allow(e.getResponse().getAllowedMethods())
                .build();
    }

    @ServerExceptionMapper
    public Response notSupported(NotSupportedException e) {
        return problems.build(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "This content type is not supported here");
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e) {
        return problems.build(ErrorCode.NOT_ACCEPTABLE, "No acceptable representation");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonParseException parse) {
            return malformedJson(parse);
        }
        if (e.getCause() instanceof PropertyBindingException binding) {
            return unknownProperty(binding);
        }
        if (e.getCause() instanceof JsonMappingException mapping) {
            return wrongType(mapping);
        }
        int status = e.getResponse().getStatus();
        if (status == 413) {
            return problems.build(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large");
        }
        if (status >= 500) { // the framework's own failure: a defect, logged with the trace id the caller sees
            LOG.errorf(e, "Unexpected failure [traceId=%s]", problems.traceId());
            return problems.build(
                    ErrorCode.INTERNAL_ERROR, "An unexpected error occurred; quote the trace id to support");
        }
        return problems.build(
                status == 404 ? ErrorCode.NOT_FOUND : ErrorCode.INVALID_REQUEST,
                status == 404 ? "Not found" : "The request could not be understood");
    }
}
