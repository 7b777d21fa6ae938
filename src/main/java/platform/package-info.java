/**
 * The small shared kernel: problem details and error codes, cursor pagination, identifiers, money
 * strings, field encryption and database bootstrap. It depends on no module; every module may use it.
 */
package platform;
