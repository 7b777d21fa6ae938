package platform.internal.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import platform.audit.AuditWriter;
import platform.error.DependencyFailures;
import platform.error.DomainException;
import platform.error.ErrorCode;
import platform.web.ProblemResponses;

/**
 * Maps the modules' refusals ({@link DomainException}) and every failure nobody else maps to a problem
 * document with a stable code. Nothing leaks a class name or a stack trace; unexpected failures are
 * logged with the trace id the caller sees. The HTTP edge's refusals (JSON, validation, JAX-RS) are
 * mapped by the operations module, the security framework's by tenancy.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final ProblemResponses problems;
    private final AuditWriter audit;
    private final Instance<DependencyFailures> dependencies;
    private final Counter rateLimited;

    ProblemMappers(
            ProblemResponses problems,
            AuditWriter audit,
            Instance<DependencyFailures> dependencies,
            MeterRegistry registry) {
        this.problems = problems;
        this.audit = audit;
        this.dependencies = dependencies;
        this.rateLimited = Counter.builder("quartermaster.rate_limit.refusals")
                .description("requests refused by a rate limit")
                .register(registry);
    }

    @ServerExceptionMapper
    public Response domain(DomainException e) {
        if (e.code() == ErrorCode.RATE_LIMITED) {
            rateLimited.increment();
        }
        if (e.code() == ErrorCode.CLIENT_SUSPENDED
                || e.code() == ErrorCode.INSUFFICIENT_SCOPE
                || e.code() == ErrorCode.INVALID_TOKEN) {
            // authorisation refusals go to the audit log (SPEC §6), written off the answering thread
            audit.recordRefusalLater(
                    "authorization.refused",
                    problems.requestLine(),
                    Map.of("code", e.code().code()));
        }
        Long retryAfter = e.retryAfterSeconds() == null && e.code() == ErrorCode.UNAVAILABLE
                ? ProblemResponses.DEPENDENCY_RETRY_AFTER_SECONDS
                : e.retryAfterSeconds();
        Response response = problems.build(e.code(), e.getMessage(), e.errors(), e.extensions(), retryAfter);
        if (e.code() == ErrorCode.INVALID_TOKEN) {
            return Response.fromResponse(response)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                    .build();
        }
        return response;
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
        String traceId = problems.traceId();
        for (DependencyFailures dependency : dependencies) {
            String unreachable = dependency.unreachable(e);
            if (unreachable != null) {
                LOG.warnf("%s [traceId=%s]: %s", unreachable, traceId, e.toString());
                return unavailable(unreachable);
            }
        }
        if (dependencyTimedOut(e)) {
            LOG.warnf("A dependency did not answer in time [traceId=%s]: %s", traceId, e.toString());
            return unavailable("A dependency did not answer in time; retry shortly");
        }
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

    private Response unavailable(String detail) {
        return problems.build(
                ErrorCode.UNAVAILABLE, detail, List.of(), Map.of(), ProblemResponses.DEPENDENCY_RETRY_AFTER_SECONDS);
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

    private static java.sql.SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException s) {
                return s;
            }
        }
        return null;
    }
}
