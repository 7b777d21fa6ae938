package tenancy.internal.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import platform.db.Jdbc;

/** What a token's credential and client say now: one read behind the credential-status cache. */
@ApplicationScoped
public class CredentialStatusRepository {

    private final Jdbc jdbc;

    CredentialStatusRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** A credential's status, its client, the client's status and rate limit. */
    record Row(String status, String clientId, String clientStatus, Integer rateLimitPerMinute) {}

    /**
     * The standing of many credentials in one read: revoked (or unknown), the client suspended, or active.
     * Credentials not in the answer do not exist.
     */
    public Map<UUID, tenancy.StreamGrant.Standing> standings(Collection<UUID> credentialIds) {
        Map<UUID, tenancy.StreamGrant.Standing> standings = new HashMap<>();
        jdbc.list(
                        """
                        SELECT c.id, c.status, cl.status
                          FROM tenancy.credentials c LEFT JOIN tenancy.clients cl ON cl.id = c.client_id
                         WHERE c.id = ANY (?)""",
                        rs -> Map.entry(
                                rs.getObject(1, UUID.class),
                                !"active".equals(rs.getString(2))
                                        ? tenancy.StreamGrant.Standing.REVOKED
                                        : "suspended".equals(rs.getString(3))
                                                ? tenancy.StreamGrant.Standing.SUSPENDED
                                                : tenancy.StreamGrant.Standing.ACTIVE),
                        Jdbc.array("uuid", List.copyOf(credentialIds)))
                .forEach(e -> standings.put(e.getKey(), e.getValue()));
        return standings;
    }

    Optional<Row> find(UUID credentialId) {
        return jdbc.one(
                """
                SELECT c.status, c.client_id, cl.status, cl.rate_limit_per_minute
                  FROM tenancy.credentials c LEFT JOIN tenancy.clients cl ON cl.id = c.client_id
                 WHERE c.id = ?""",
                rs -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), (Integer) rs.getObject(4)),
                credentialId);
    }
}
