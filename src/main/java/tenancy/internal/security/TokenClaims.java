package tenancy.internal.security;

import java.security.Principal;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Reads the claims of our access tokens: the {@code tenant} claim is the client a token acts for. */
public final class TokenClaims {

    private TokenClaims() {}

    /** The client the token acts for; empty for operators and for principals that are not our JWTs. */
    public static Optional<UUID> tenant(Principal principal) {
        if (principal instanceof JsonWebToken jwt && jwt.getClaim("tenant") != null) {
            return Optional.of(UUID.fromString(jwt.getClaim("tenant").toString().replace("\"", "")));
        }
        return Optional.empty();
    }
}
