package graphqlapi;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.Callable;
import platform.audit.AuditWriter;
import platform.error.DomainException;
import platform.error.ErrorCode;

/**
 * Runs the body of a GraphQL field the way a REST resource method runs: a {@link DomainException} becomes a
 * {@link GraphQLProblem} with the same code, and a refused scope is audited as REST audits a 403.
 */
@ApplicationScoped
public class GraphQLFields {

    private final AuditWriter audit;

    GraphQLFields(AuditWriter audit) {
        this.audit = audit;
    }

    /** The field's value, or the problem the caller can act on. */
    public <T> T run(String field, Callable<T> body) throws GraphQLProblem {
        try {
            return body.call();
        } catch (DomainException e) {
            if (e.code() == ErrorCode.INSUFFICIENT_SCOPE || e.code() == ErrorCode.UNAUTHORIZED) {
                audit.recordRefusalLater(
                        "authorization.refused",
                        "graphql " + field,
                        Map.of("code", e.code().code()));
            }
            throw GraphQLProblem.of(e);
        } catch (ForbiddenException e) {
            return run(field, () -> {
                throw new DomainException(ErrorCode.INSUFFICIENT_SCOPE, "The token lacks the scope of " + field);
            });
        } catch (UnauthorizedException e) {
            return run(field, () -> {
                throw new DomainException(ErrorCode.UNAUTHORIZED, "A valid bearer token is required");
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
