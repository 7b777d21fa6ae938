/**
 * Inventory: the product catalog (SKUs), stock levels, reservations and contract prices. Its root package
 * publishes {@link inventory.InventoryApi} (reserve all-or-nothing, release, consume, price) and the records
 * it speaks in; every stock change leaves an {@code inventory.stock_changed} event in the outbox. Everything
 * else lives under {@code inventory.internal}. It may use {@code tenancy}.
 */
package inventory;
