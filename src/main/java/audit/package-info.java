/**
 * Audit: the append-only, tamper-evident audit log (SPEC §6). Every module records through the kernel's
 * {@link platform.audit.AuditWriter}; this module writes those entries (in the transaction of the change
 * they describe, or on their own for refusals), chains them with SHA-256, and serves {@code GET /v1/audit}
 * and {@code GET /v1/audit/verify}. It publishes no API: nothing depends on it. It may use {@code tenancy}
 * (who is calling).
 */
package audit;
