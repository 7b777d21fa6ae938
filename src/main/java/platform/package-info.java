/**
 * The small shared kernel: problem details and error codes, cursor pagination, identifiers, money
 * strings, field encryption, the outbox writer and its event contract, the audit port, JDBC plumbing
 * and database bootstrap. Its sub-packages are what modules use;
 * {@code platform.internal} is its own wiring. It depends on no module; every module may use it.
 */
package platform;
