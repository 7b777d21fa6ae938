package tenancy;

import java.time.Instant;
import java.util.UUID;

/**
 * What an open stream was granted at its handshake: until when its token is valid, and the credential to
 * re-check while it stays open ({@code null} for a token from an external provider, which only expires).
 */
public record StreamGrant(UUID credentialId, Instant expiresAt) {

    /** The standing of a credential now, as the database says. */
    public enum Standing {
        ACTIVE,
        REVOKED,
        SUSPENDED
    }
}
