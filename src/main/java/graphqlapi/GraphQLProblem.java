package graphqlapi;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.language.SourceLocation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import platform.error.DomainException;
import platform.error.ErrorCode;
import platform.error.FieldError;

/**
 * A refusal inside a GraphQL field, as a GraphQL error whose {@code extensions.code} is the REST problem
 * code (SPEC §8). Checked, so SmallRye GraphQL shows its message instead of a generic "server error".
 */
public class GraphQLProblem extends Exception implements GraphQLError {

    private final transient Map<String, Object> extensions;

    private GraphQLProblem(String message, Map<String, Object> extensions) {
        super(message, null, false, false);
        this.extensions = extensions;
    }

    public static GraphQLProblem of(DomainException e) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", e.code().code());
        extensions.put("status", e.code().status());
        if (!e.errors().isEmpty()) {
            extensions.put(
                    "errors",
                    e.errors().stream().map(GraphQLProblem::fieldError).toList());
        }
        if (e.retryAfterSeconds() != null) {
            extensions.put("retryAfter", e.retryAfterSeconds());
        }
        e.extensions().forEach(extensions::putIfAbsent);
        return new GraphQLProblem(e.getMessage(), extensions);
    }

    public static GraphQLProblem of(ErrorCode code, String message) {
        return of(new DomainException(code, message));
    }

    private static Map<String, Object> fieldError(FieldError error) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pointer", error.pointer());
        out.put("code", error.code());
        out.put("message", error.message());
        return out;
    }

    public String code() {
        return (String) extensions.get("code");
    }

    @Override
    public List<SourceLocation> getLocations() {
        return null;
    }

    @Override
    public ErrorClassification getErrorType() {
        return ErrorType.DataFetchingException;
    }

    @Override
    public Map<String, Object> getExtensions() {
        return extensions;
    }
}
