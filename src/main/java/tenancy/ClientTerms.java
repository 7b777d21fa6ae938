package tenancy;

import java.math.BigDecimal;
import java.util.UUID;

/** What other modules need to know of a client to price and accept its orders. */
public record ClientTerms(
        UUID clientId, String currency, BigDecimal creditLimit, BigDecimal discountPercent, boolean active) {}
