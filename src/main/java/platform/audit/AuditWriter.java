package platform.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import platform.id.Ids;
import platform.web.TokenClaims;
import platform.web.TraceIds;

/**
 * Records who did what, for whom and when, in the caller's transaction (an audited change and its
 * entry commit together), or in a transaction of its own for refusals. Actor, tenant and trace id
 * come from the current request when the caller does not give them.
 */
@ApplicationScoped
public class AuditWriter {

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final Instance<CurrentIdentityAssociation> identity;
    private final CurrentVertxRequest request;

    AuditWriter(
            AgroalDataSource dataSource,
            ObjectMapper json,
            Instance<CurrentIdentityAssociation> identity,
            CurrentVertxRequest request) {
        this.dataSource = dataSource;
        this.json = json;
        this.identity = identity;
        this.request = request;
    }

    /** An entry made on behalf of the current caller. */
    @Transactional
    public void record(String action, String subject, Map<String, ?> details) {
        Who who = currentCaller();
        record(action, subject, details, who.actor(), who.tenant());
    }

    /** An entry with an explicit actor and tenant (background work, or before authentication). */
    @Transactional
    public void record(String action, String subject, Map<String, ?> details, String actor, UUID tenant) {
        insert(action, subject, details, actor, tenant, traceId());
    }

    /**
     * Records a refusal (401/403) without blocking the thread that answers it: what is known now (trace id,
     * an identity already established) is captured, the write happens on a worker thread.
     */
    public void recordRefusalLater(String action, String subject, Map<String, ?> details) {
        String traceId = traceId();
        String actor = null;
        UUID tenant = null;
        io.vertx.ext.web.RoutingContext rc = request.getCurrent();
        if (rc != null
                && rc.user() instanceof io.quarkus.vertx.http.runtime.security.QuarkusHttpUser user
                && user.getSecurityIdentity().getPrincipal() instanceof JsonWebToken jwt) {
            actor = jwt.getSubject();
            tenant = TokenClaims.tenant(jwt).orElse(null);
        }
        String who = actor;
        UUID whose = tenant;
        io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                        .run(() -> insert(action, subject, details, who, whose, traceId));
            } catch (RuntimeException e) {
                org.jboss.logging.Logger.getLogger(AuditWriter.class).warnf(e, "cannot audit a refusal");
            }
        });
    }

    private void insert(
            String action, String subject, Map<String, ?> details, String actor, UUID tenant, String traceId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO platform.audit_pending (id, at, actor, tenant_id, trace_id, action, subject, details)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")) {
            ps.setObject(1, Ids.newId());
            ps.setObject(2, OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
            ps.setString(3, truncate(actor, 100));
            ps.setObject(4, tenant);
            ps.setString(5, traceId);
            ps.setString(6, action);
            ps.setString(7, truncate(subject, 200));
            ps.setString(8, json.writeValueAsString(details == null ? Map.of() : details));
            ps.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot write the audit log", e);
        }
    }

    /** Refusals are recorded even though the refused request's own transaction (if any) rolls back. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordRefusal(String action, String subject, Map<String, ?> details, String actor, UUID tenant) {
        record(action, subject, details, actor, tenant);
    }

    /** The actor and tenant of the current request, as far as they are known. */
    public record Who(String actor, UUID tenant) {}

    public Who currentCaller() {
        try {
            if (identity.isResolvable()) {
                SecurityIdentity id =
                        identity.get().getDeferredIdentity().await().indefinitely();
                if (id != null && !id.isAnonymous() && id.getPrincipal() instanceof JsonWebToken jwt) {
                    return new Who(jwt.getSubject(), TokenClaims.tenant(jwt).orElse(null));
                }
            }
        } catch (RuntimeException e) {
            // no identity to be had (a failed authentication, a background thread)
        }
        return new Who(null, null);
    }

    private String traceId() {
        try {
            return request.getCurrent() == null ? null : TraceIds.of(request.getCurrent());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
