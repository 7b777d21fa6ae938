package tenancy.internal.domain;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A validated JSON merge patch of a client. Outer empty: the member was absent (unchanged); inner
 * empty: it was {@code null} (cleared, or back to the default).
 */
public record ClientPatch(
        Optional<String> name,
        Optional<BigDecimal> creditLimit,
        Optional<BigDecimal> discountPercent,
        Optional<Optional<Integer>> rateLimitPerMinute,
        Optional<Optional<String>> contactEmail,
        Optional<Optional<String>> taxId,
        Optional<ClientStatus> status,
        Optional<Optional<java.time.Duration>> quoteHoldDuration,
        Optional<String> backorderPolicy,
        Optional<Boolean> allowPartialShipment) {}
