package tenancy.internal.domain;

import java.math.BigDecimal;

/** A validated request to create a client. */
public record NewClient(
        String name,
        String currency,
        BigDecimal creditLimit,
        BigDecimal discountPercent,
        Integer rateLimitPerMinute,
        String contactEmail,
        String taxId) {}
