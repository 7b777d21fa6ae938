package audit.internal.messaging;

import audit.internal.domain.AuditRepository;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import platform.audit.AuditEntry;
import platform.id.Ids;
import platform.web.TraceIds;
import tenancy.Caller;
import tenancy.CurrentCaller;

/**
 * Writes the entries that modules publish through {@link platform.audit.AuditWriter}: in the publisher's
 * transaction, or for refusals in one of their own, now or on a worker thread. Actor and tenant come
 * from tenancy's caller when the publisher did not name them; the trace id from the current request.
 */
@ApplicationScoped
public class AuditRecorder {

    private static final Logger LOG = Logger.getLogger(AuditRecorder.class);

    private final AuditRepository audit;
    private final ObjectMapper json;
    private final Instance<CurrentCaller> caller;
    private final CurrentVertxRequest request;

    AuditRecorder(
            AuditRepository audit, ObjectMapper json, Instance<CurrentCaller> caller, CurrentVertxRequest request) {
        this.audit = audit;
        this.json = json;
        this.caller = caller;
        this.request = request;
    }

    void on(@Observes AuditEntry entry) {
        String traceId = traceId();
        switch (entry.timing()) {
            case WITH_CHANGE ->
                QuarkusTransaction.joiningExisting().run(() -> insert(entry, entry.actor(), entry.tenant(), traceId));
            case WITH_CHANGE_BY_CALLER -> {
                Caller who = currentCaller();
                QuarkusTransaction.joiningExisting()
                        .run(() -> insert(
                                entry,
                                who == null ? null : who.subject(),
                                who == null ? null : who.tenantId().orElse(null),
                                traceId));
            }
            case REFUSAL ->
                QuarkusTransaction.requiringNew().run(() -> insert(entry, entry.actor(), entry.tenant(), traceId));
            case REFUSAL_LATER -> {
                Caller who = establishedCaller(); // what is known now, without blocking this thread
                Infrastructure.getDefaultWorkerPool().execute(() -> {
                    try {
                        QuarkusTransaction.requiringNew()
                                .run(() -> insert(
                                        entry,
                                        who == null ? null : who.subject(),
                                        who == null ? null : who.tenantId().orElse(null),
                                        traceId));
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "cannot audit a refusal");
                    }
                });
            }
        }
    }

    private void insert(AuditEntry entry, String actor, UUID tenant, String traceId) {
        try {
            audit.insertPending(
                    Ids.newId(),
                    OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS),
                    truncate(actor, 100),
                    tenant,
                    traceId,
                    entry.action(),
                    truncate(entry.subject(), 200),
                    json.writeValueAsString(entry.details() == null ? Map.of() : entry.details()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the audit log", e);
        }
    }

    /** The caller of the current request, or null without one (a failed authentication, a background thread). */
    private Caller currentCaller() {
        try {
            Caller c = caller.get().get();
            return c.subject() == null || c.subject().isEmpty() ? null : c;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The caller whose identity the current HTTP request has already established, if any. */
    private Caller establishedCaller() {
        RoutingContext rc = request.getCurrent();
        if (rc != null
                && rc.user() instanceof QuarkusHttpUser user
                && !user.getSecurityIdentity().isAnonymous()) {
            return CurrentCaller.of(user.getSecurityIdentity());
        }
        return null;
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
