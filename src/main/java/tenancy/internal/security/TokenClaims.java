package tenancy.internal.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import platform.error.DomainException;
import platform.error.ErrorCode;

/**
 * Who a verified token acts for. {@link CredentialStatusAugmentor} decides it once per request and stores
 * it in the identity ({@link #CALLER_ATTRIBUTE}); everybody else reads it from there. An identity without
 * that decision acts for no client and is no operator.
 */
public final class TokenClaims {

    /** The identity attribute: the client's {@link UUID}, or {@link #OPERATOR}. */
    public static final String CALLER_ATTRIBUTE = "quartermaster.caller";

    /** The attribute's value for an operator. */
    public static final String OPERATOR = "operator";

    /** A client id no client has: what an undecided identity acts for, so it sees nothing. */
    public static final UUID NOBODY = new UUID(0, 0);

    private TokenClaims() {}

    /** The client the identity acts for; empty for operators. */
    public static Optional<UUID> tenant(SecurityIdentity identity) {
        Object caller = identity.getAttribute(CALLER_ATTRIBUTE);
        if (caller instanceof UUID client) {
            return Optional.of(client);
        }
        if (OPERATOR.equals(caller)) {
            return Optional.empty();
        }
        return Optional.of(NOBODY);
    }

    /** The claim at a dotted path ({@code realm_access.roles}), or null. */
    static Object claim(JsonWebToken jwt, String path) {
        String[] parts = path.split("\\.");
        Object value = jwt.getClaim(parts[0]);
        for (int i = 1; i < parts.length && value != null; i++) {
            value = value instanceof JsonObject object ? object.get(parts[i]) : null;
        }
        return value;
    }

    /** The tenant claim as a client id: empty when absent, 401 {@code invalid_token} when not a UUID. */
    static Optional<UUID> tenantClaim(JsonWebToken jwt, String path) {
        Object value = claim(jwt, path);
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        String text = value instanceof JsonString s ? s.getString() : value.toString();
        try {
            UUID id = UUID.fromString(text);
            if (id.toString().equalsIgnoreCase(text)) {
                return Optional.of(id);
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new DomainException(ErrorCode.INVALID_TOKEN, "The token's tenant claim is not a client id");
    }

    /** Whether the claim at {@code path} equals {@code expected} or is an array that holds it. */
    static boolean holds(JsonWebToken jwt, String path, String expected) {
        Object value = claim(jwt, path);
        if (value instanceof JsonArray array) {
            return array.stream().anyMatch(v -> expected.equals(text(v)));
        }
        if (value instanceof Iterable<?> items) {
            for (Object item : items) {
                if (expected.equals(text(item))) {
                    return true;
                }
            }
            return false;
        }
        return value != null && expected.equals(text(value));
    }

    private static String text(Object value) {
        return value instanceof JsonString s ? s.getString() : String.valueOf(value);
    }
}
