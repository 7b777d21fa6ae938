package inventory;

import java.math.BigDecimal;

/**
 * The resolved price of one order line for one client: the contract tier with the greatest
 * {@code minQuantity} not above the quantity, else the list price less the client's discount rounded
 * half-even to cents (at least 0.01); the line total is unit price × quantity (docs/pricing.md). {@code status} tells unknown and retired SKUs apart; their
 * prices are null.
 */
public record LinePrice(String sku, long quantity, Status status, BigDecimal unitPrice, BigDecimal lineTotal) {

    public enum Status {
        PRICED,
        UNKNOWN,
        RETIRED
    }
}
