/**
 * Orders: bulk orders and their lines, batches, lifecycle, credit exposure and idempotency. Its root
 * package publishes {@link orders.OrdersApi}; every order change leaves an {@code order.created} or
 * {@code order.status_changed} event in the outbox. Everything else lives under {@code orders.internal}.
 * It may use {@code tenancy} and {@code inventory}.
 */
package orders;
