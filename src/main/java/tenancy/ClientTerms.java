package tenancy;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * What other modules need to know of a client to price and accept its orders: also its default backorder
 * policy ({@code reject} or {@code backorder}) and whether its orders may be processed partly allocated.
 */
public record ClientTerms(
        UUID clientId,
        String currency,
        BigDecimal creditLimit,
        BigDecimal discountPercent,
        boolean active,
        String backorderPolicy,
        boolean allowPartialShipment) {

    public ClientTerms(
            UUID clientId, String currency, BigDecimal creditLimit, BigDecimal discountPercent, boolean active) {
        this(clientId, currency, creditLimit, discountPercent, active, "reject", false);
    }
}
