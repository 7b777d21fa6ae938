package platform.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.Map;
import java.util.UUID;

/**
 * How any module records who did what, for whom and when: it publishes an {@link AuditEntry}, which
 * the audit module writes in the caller's transaction (an audited change and its entry commit
 * together), or in a transaction of its own for refusals. The kernel knows no caller and no table.
 */
@ApplicationScoped
public class AuditWriter {

    private final Event<AuditEntry> entries;
    private final Event<AnonymousRefusal> anonymousRefusals;

    AuditWriter(Event<AuditEntry> entries, Event<AnonymousRefusal> anonymousRefusals) {
        this.entries = entries;
        this.anonymousRefusals = anonymousRefusals;
    }

    /** An entry made on behalf of the current caller. */
    public void record(String action, String subject, Map<String, ?> details) {
        entries.fire(new AuditEntry(action, subject, details, null, null, AuditEntry.Timing.WITH_CHANGE_BY_CALLER));
    }

    /** An entry with an explicit actor and tenant (background work, or before authentication). */
    public void record(String action, String subject, Map<String, ?> details, String actor, UUID tenant) {
        entries.fire(new AuditEntry(action, subject, details, actor, tenant, AuditEntry.Timing.WITH_CHANGE));
    }

    /** Refusals are recorded even though the refused request's own transaction (if any) rolls back. */
    public void recordRefusal(String action, String subject, Map<String, ?> details, String actor, UUID tenant) {
        entries.fire(new AuditEntry(action, subject, details, actor, tenant, AuditEntry.Timing.REFUSAL));
    }

    /**
     * Records a refusal (401/403) without blocking the thread that answers it: what is known now (trace
     * id, an identity already established) is captured, the write happens on a worker thread.
     */
    public void recordRefusalLater(String action, String subject, Map<String, ?> details) {
        entries.fire(new AuditEntry(action, subject, details, null, null, AuditEntry.Timing.REFUSAL_LATER));
    }

    /**
     * A refusal of a caller without a valid token (401): counted per remote address and recorded as one
     * entry per address and interval, so anonymous requests cannot grow the log one row each.
     */
    public void countAnonymousRefusal(String address) {
        anonymousRefusals.fire(new AnonymousRefusal(address));
    }
}
