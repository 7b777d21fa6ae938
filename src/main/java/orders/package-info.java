/**
 * Orders: bulk orders and their lines, batches, lifecycle and idempotency. Its root package will publish
 * {@code OrdersApi} and its events; everything else lives under {@code orders.internal}. It may use
 * {@code tenancy} and {@code inventory}.
 */
package orders;
