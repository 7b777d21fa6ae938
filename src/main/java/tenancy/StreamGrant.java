package tenancy;

import java.time.Instant;
import java.util.UUID;

/**
 * What an open stream was granted at its handshake: until when its token is valid, the credential to
 * re-check while it stays open ({@code null} for a token from an external provider, which only expires),
 * and whose streams it counts against ({@code holder}: the client, or the subject of a token without one).
 */
public record StreamGrant(UUID credentialId, Instant expiresAt, String holder) {

    /** The standing of a credential now, as the database says. */
    public enum Standing {
        ACTIVE,
        REVOKED,
        SUSPENDED
    }
}
