/**
 * Integration: everything that carries events out of the process. It reads the transactional outbox
 * (one commit-safe reader, one CloudEvents envelope) and serves the event feed {@code GET /v1/events},
 * webhooks, the Kafka relay and the cross-instance fan-out that feeds the stock streams (as typed
 * {@link platform.outbox.OutboxCommitted} events on every instance). It publishes no API of its own:
 * nothing depends on it. It may use {@code tenancy} (who is calling) and the {@code events} packages
 * of {@code orders} and {@code inventory} (the event contract).
 */
package integration;
