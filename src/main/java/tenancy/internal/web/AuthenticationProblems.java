package tenancy.internal.web;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import platform.audit.AuditWriter;
import platform.error.ErrorCode;
import platform.web.ProblemResponses;
import tenancy.internal.security.IdentityProviderFailures;

/**
 * The security framework's refusals as problem documents: no valid token is a 401 with
 * {@code WWW-Authenticate: Bearer} (counted per address, not one audit entry each), a missing scope a 403
 * (audited), and an identity provider that cannot be reached a 503 the caller may retry.
 */
public class AuthenticationProblems {

    private static final Logger LOG = Logger.getLogger(AuthenticationProblems.class);
    private static final String TOKEN_REQUIRED = "A valid bearer token is required";

    private final ProblemResponses problems;
    private final AuditWriter audit;
    private final CurrentVertxRequest request;
    private final IdentityProviderFailures identityProvider;

    AuthenticationProblems(
            ProblemResponses problems,
            AuditWriter audit,
            CurrentVertxRequest request,
            IdentityProviderFailures identityProvider) {
        this.problems = problems;
        this.audit = audit;
        this.request = request;
        this.identityProvider = identityProvider;
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e) {
        return unauthenticatedOrUnavailable(e);
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationCompletionException e) {
        return unauthenticatedOrUnavailable(e);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        audit.recordRefusalLater(
                "authorization.refused", problems.requestLine(), Map.of("code", ErrorCode.INSUFFICIENT_SCOPE.code()));
        return problems.build(ErrorCode.INSUFFICIENT_SCOPE, "The token lacks the scope this operation needs");
    }

    private Response unauthenticatedOrUnavailable(RuntimeException e) {
        String unreachable = identityProvider.unreachable(e);
        if (unreachable == null) {
            return unauthorized();
        }
        LOG.warnf("The identity provider is not reachable [traceId=%s]", problems.traceId());
        return problems.build(
                ErrorCode.UNAVAILABLE,
                unreachable,
                List.of(),
                Map.of(),
                ProblemResponses.DEPENDENCY_RETRY_AFTER_SECONDS);
    }

    private Response unauthorized() {
        var rc = request.getCurrent();
        if (rc != null && rc.request().remoteAddress() != null) { // no valid token: counted, not one entry each
            audit.countAnonymousRefusal(rc.request().remoteAddress().hostAddress());
        } else {
            audit.recordRefusalLater(
                    "authorization.refused", problems.requestLine(), Map.of("code", ErrorCode.UNAUTHORIZED.code()));
        }
        return Response.fromResponse(problems.build(ErrorCode.UNAUTHORIZED, TOKEN_REQUIRED))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }
}
