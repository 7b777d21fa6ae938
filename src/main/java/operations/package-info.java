/**
 * Running an instance in production: what operators configure and watch rather than what clients call.
 * Tracing (sampling, export, the spans of an event's later stages), metrics access, request ids, the HTTP
 * edge (body limit, security headers, drain on shutdown), start-up refusals and the configuration switches
 * that keep a clean start quiet, key rotation, and the base of the long-running background loops with
 * their graceful stop. Its API is {@link operations.EventSpans} and {@link operations.BackgroundLoop};
 * everything else is wiring under {@code operations.internal}. It may use the kernel and tenancy (ADR 0051).
 */
package operations;
