package inventory;

import java.math.BigDecimal;

/**
 * The resolved unit price of one order line for one client: the contract tier with the greatest
 * {@code minQuantity} not above the quantity, else the list price less the client's discount
 * (half-even to cents). {@code status} tells unknown and retired SKUs apart; their price is null.
 */
public record LinePrice(String sku, long quantity, Status status, BigDecimal unitPrice) {

    public enum Status {
        PRICED,
        UNKNOWN,
        RETIRED
    }
}
