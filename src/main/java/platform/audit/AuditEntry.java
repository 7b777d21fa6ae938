package platform.audit;

import java.util.Map;
import java.util.UUID;

/**
 * One fact for the audit log, published by any module through {@link AuditWriter} and recorded by the
 * audit module. {@code actor} and {@code tenant} are null when the current caller is meant ({@link
 * Timing#WITH_CHANGE_BY_CALLER}) or unknown.
 */
public record AuditEntry(
        String action, String subject, Map<String, ?> details, String actor, UUID tenant, Timing timing) {

    /** When and in which transaction the entry is written. */
    public enum Timing {
        /** In the caller's transaction, with the actor and tenant given: it commits with the change. */
        WITH_CHANGE,
        /** In the caller's transaction, on behalf of the caller of the current request. */
        WITH_CHANGE_BY_CALLER,
        /** At once in a transaction of its own: a refusal is recorded although its request rolls back. */
        REFUSAL,
        /** Later, on a worker thread: a refusal noticed on a thread that must not block. */
        REFUSAL_LATER
    }
}
