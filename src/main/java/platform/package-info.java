/**
 * The small shared kernel: problem details and error codes, cursor pagination, identifiers, money
 * strings, field encryption, database bootstrap, the transactional outbox writer and the audit log. It depends on no module; every module may use it.
 */
package platform;
