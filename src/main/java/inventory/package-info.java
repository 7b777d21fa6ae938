/**
 * Inventory: the product catalog (SKUs), stock levels and reservations, and real-time stock pushes.
 * Its root package will publish {@code InventoryApi} (reserve all-or-nothing, release, consume) and its
 * events; everything else lives under {@code inventory.internal}. It may use {@code tenancy}.
 */
package inventory;
