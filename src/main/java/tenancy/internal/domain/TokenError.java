package tenancy.internal.domain;

/**
 * A refusal at the token endpoint, answered in the RFC 6749 §5.2 shape rather than as a problem
 * document, because OAuth client libraries expect that shape.
 */
public class TokenError extends RuntimeException {

    private final String error;
    private final int status;

    private TokenError(String error, int status, String description) {
        super(description, null, false, false);
        this.error = error;
        this.status = status;
    }

    public static TokenError invalidRequest(String description) {
        return new TokenError("invalid_request", 400, description);
    }

    public static TokenError unsupportedGrantType() {
        return new TokenError("unsupported_grant_type", 400, "only grant_type=client_credentials is supported");
    }

    public static TokenError invalidScope(String description) {
        return new TokenError("invalid_scope", 400, description);
    }

    /** The same answer for an unknown client id, a wrong secret and a revoked credential. */
    public static TokenError invalidClient() {
        return new TokenError("invalid_client", 401, "client authentication failed");
    }

    public static TokenError unauthorizedClient(String description) {
        return new TokenError("unauthorized_client", 400, description);
    }

    public String error() {
        return error;
    }

    public int status() {
        return status;
    }
}
