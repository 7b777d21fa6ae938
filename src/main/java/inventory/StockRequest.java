package inventory;

/** A quantity of one SKU to reserve, release or consume. */
public record StockRequest(String sku, long quantity) {}
