package platform.internal.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import platform.audit.AuditWriter;
import platform.error.DomainException;
import platform.error.ErrorCode;
import platform.error.FieldError;
import platform.web.JsonPointers;
import platform.web.ProblemResponses;

/**
 * Maps every failure, ours and the framework's, to a problem document with a stable code. Nothing
 * leaks a class name or a stack trace; unexpected failures are logged with the trace id the caller sees.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Every 503 tells the caller when to retry: a dependency that timed out is usually back within seconds. */
    private static final Long DEPENDENCY_RETRY_AFTER_SECONDS = 5L;

    private final ProblemResponses problems;
    private final AuditWriter audit;
    private final CurrentVertxRequest request;

    private final Counter rateLimited;

    ProblemMappers(ProblemResponses problems, AuditWriter audit, CurrentVertxRequest request, MeterRegistry registry) {
        this.problems = problems;
        this.audit = audit;
        this.request = request;
        this.rateLimited = Counter.builder("quartermaster.rate_limit.refusals")
                .description("requests refused by a rate limit")
                .register(registry);
    }

    @ServerExceptionMapper
    public Response domain(DomainException e) {
        if (e.code() == ErrorCode.RATE_LIMITED) {
            rateLimited.increment();
        }
        if (e.code() == ErrorCode.CLIENT_SUSPENDED || e.code() == ErrorCode.INSUFFICIENT_SCOPE) {
            refused(e.code());
        }
        Long retryAfter = e.retryAfterSeconds() == null && e.code() == ErrorCode.UNAVAILABLE
                ? DEPENDENCY_RETRY_AFTER_SECONDS
                : e.retryAfterSeconds();
        Response response = problems.build(e.code(), e.getMessage(), e.errors(), e.extensions(), retryAfter);
        if (e.code() == ErrorCode.INVALID_TOKEN) {
            refused(e.code());
            return Response.fromResponse(response)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                    .build();
        }
        return response;
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
            // a value our own deserializers refused (platform.web.TextPolicy): their message, the precise pointer
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
        if (status >= 500) {
            return unexpected(e);
        }
        return problems.build(
                status == 404 ? ErrorCode.NOT_FOUND : ErrorCode.INVALID_REQUEST,
                status == 404 ? "Not found" : "The request could not be understood");
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e) {
        if (identityProviderUnreachable(e)) {
            return identityProviderUnavailable();
        }
        return unauthorized("A valid bearer token is required");
    }

    /** The OIDC provider (its discovery or keys) could not be reached: the caller may retry, it is not refused. */
    private static boolean identityProviderUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.quarkus.oidc.OIDCException
                    || t instanceof io.quarkus.oidc.common.runtime.OidcEndpointAccessException
                    || t instanceof java.net.ConnectException
                    || t instanceof io.vertx.core.http.HttpClosedException
                    || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private Response identityProviderUnavailable() {
        LOG.warnf("The identity provider is not reachable [traceId=%s]", problems.traceId());
        return problems.build(
                ErrorCode.UNAVAILABLE,
                "The identity provider is not reachable; retry shortly",
                List.of(),
                Map.of(),
                DEPENDENCY_RETRY_AFTER_SECONDS);
    }

    /**
     * A dependency that did not answer in time: no database connection within the pool's acquisition
     * time-out, a connection-level SQL failure (class 08, 53, 57P), or a time-out of another client.
     */
    private static boolean dependencyTimedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException
                    || t instanceof io.smallrye.mutiny.TimeoutException
                    || t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLTimeoutException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P"))) {
                    return true;
                }
                if (sql.getMessage() != null && sql.getMessage().contains("acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return unauthorized("A valid bearer token is required");
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationCompletionException e) {
        if (identityProviderUnreachable(e)) {
            return identityProviderUnavailable();
        }
        return unauthorized("A valid bearer token is required");
    }

    private Response unauthorized(String detail) {
        var rc = request.getCurrent();
        if (rc != null && rc.request().remoteAddress() != null) { // no valid token: counted, not one entry each
            audit.countAnonymousRefusal(rc.request().remoteAddress().hostAddress());
        } else {
            refused(ErrorCode.UNAUTHORIZED);
        }
        Response response = problems.build(ErrorCode.UNAUTHORIZED, detail);
        return Response.fromResponse(response)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        refused(ErrorCode.INSUFFICIENT_SCOPE);
        return problems.build(ErrorCode.INSUFFICIENT_SCOPE, "The token lacks the scope this operation needs");
    }

    private static java.sql.SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException s) {
                return s;
            }
        }
        return null;
    }

    /** Authorisation refusals go to the audit log (SPEC §6), written off the answering thread. */
    private void refused(ErrorCode code) {
        var rc = request.getCurrent();
        String path =
                rc == null ? null : rc.request().method() + " " + rc.request().path();
        audit.recordRefusalLater("authorization.refused", path, java.util.Map.of("code", code.code()));
    }

    @ServerExceptionMapper
    public Response optimisticLock(OptimisticLockException e) {
        return problems.build(ErrorCode.VERSION_CONFLICT, "The resource was changed concurrently; read it again");
    }

    @ServerExceptionMapper
    public Response staleState(StaleStateException e) {
        return problems.build(ErrorCode.VERSION_CONFLICT, "The resource was changed concurrently; read it again");
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (e instanceof io.smallrye.mutiny.CompositeException composite) { // a recovery that threw our refusal
            for (Throwable cause : composite.getCauses()) {
                if (cause instanceof DomainException refusal) {
                    return domain(refusal);
                }
            }
        }
        if (identityProviderUnreachable(e)) {
            return identityProviderUnavailable();
        }
        if (dependencyTimedOut(e)) {
            LOG.warnf("A dependency did not answer in time [traceId=%s]: %s", problems.traceId(), e.toString());
            return problems.build(
                    ErrorCode.UNAVAILABLE,
                    "A dependency did not answer in time; retry shortly",
                    List.of(),
                    Map.of(),
                    DEPENDENCY_RETRY_AFTER_SECONDS);
        }
        String traceId = problems.traceId();
        java.sql.SQLException sql = sqlCause(e);
        if (sql != null && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
            // SQL class 22, data exception: a value the request carried (a NUL character, a number out of
            // range) that validation let through. The client's to fix, not a server failure.
            LOG.warnf(
                    "Refused a value the database cannot store [traceId=%s, sqlState=%s]", traceId, sql.getSQLState());
            return problems.build(
                    ErrorCode.INVALID_REQUEST,
                    "A value in the request cannot be stored (for example a NUL character or a number out of range)");
        }
        LOG.errorf(e, "Unexpected failure [traceId=%s]", traceId);
        return problems.build(ErrorCode.INTERNAL_ERROR, "An unexpected error occurred; quote the trace id to support");
    }
}
