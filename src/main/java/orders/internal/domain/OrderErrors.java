package orders.internal.domain;

import inventory.Shortage;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import platform.error.DomainException;
import platform.error.ErrorCode;
import platform.error.FieldError;
import platform.money.Money;

/** The orders module's refusals, each with its code from SPEC §8 and the details a client acts on. */
public final class OrderErrors {

    private OrderErrors() {}

    public static DomainException notFound(Object id) {
        return new DomainException(ErrorCode.NOT_FOUND, "No order " + id);
    }

    public static DomainException unknownSkus(List<FieldError> errors) {
        return new DomainException(
                ErrorCode.UNKNOWN_SKU,
                errors.size() == 1 ? errors.get(0).message() : errors.size() + " lines name unknown or retired SKUs",
                errors,
                Map.of());
    }

    public static DomainException insufficientStock(List<Shortage> shortages, Map<String, Integer> lineOfSku) {
        List<FieldError> errors = shortages.stream()
                .map(s -> FieldError.of(
                        "/lines/" + lineOfSku.get(s.sku()) + "/quantity",
                        "insufficient_stock",
                        s.requested() + " requested, " + s.available() + " available"))
                .toList();
        List<Map<String, Object>> details = shortages.stream()
                .map(s -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("sku", s.sku());
                    m.put("requested", s.requested());
                    m.put("available", s.available());
                    return m;
                })
                .toList();
        return new DomainException(
                ErrorCode.INSUFFICIENT_STOCK,
                shortages.size() + " line(s) cannot be reserved; nothing was reserved",
                errors,
                Map.of("shortages", details));
    }

    /** The largest order total (and line total) the orders tables hold: numeric(19,2). */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("99999999999999999.99");

    public static DomainException amountTooLarge(BigDecimal orderTotal) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("orderTotal", Money.format(orderTotal));
        extensions.put("maxAmount", Money.format(MAX_AMOUNT));
        return new DomainException(
                ErrorCode.AMOUNT_TOO_LARGE,
                "This order's total of " + Money.format(orderTotal) + " is above the largest amount an order may have, "
                        + Money.format(MAX_AMOUNT),
                List.of(),
                extensions);
    }

    public static DomainException creditLimitExceeded(BigDecimal limit, BigDecimal exposure, BigDecimal orderTotal) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("creditLimit", Money.format(limit));
        extensions.put("exposure", Money.format(exposure));
        extensions.put("orderTotal", Money.format(orderTotal));
        return new DomainException(
                ErrorCode.CREDIT_LIMIT_EXCEEDED,
                "This order of " + Money.format(orderTotal) + " would bring exposure over the credit limit of "
                        + Money.format(limit),
                List.of(),
                extensions);
    }

    public static DomainException duplicateExternalRef(String externalRef) {
        return new DomainException(
                ErrorCode.DUPLICATE_EXTERNAL_REF,
                "An order with externalRef " + externalRef + " exists already",
                List.of(FieldError.of("/externalRef", "duplicate_external_ref", "already used")),
                Map.of("externalRef", externalRef));
    }

    public static DomainException invalidTransition(String from, String to) {
        return new DomainException(
                ErrorCode.INVALID_TRANSITION,
                "An order in status " + from + " cannot become " + to,
                List.of(),
                Map.of("currentStatus", from));
    }

    /** The order still has units waiting for stock (backorders) and may not make this move yet. */
    public static DomainException notAllocated(String from, String to, long quantity, long backordered) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("currentStatus", from);
        extensions.put("units", quantity);
        extensions.put("backordered", backordered);
        return new DomainException(
                ErrorCode.INVALID_TRANSITION,
                backordered + " of the order's " + quantity + " units still wait for stock; it can become " + to
                        + " when they are allocated"
                        + (to.equals("processing") ? " (or partly, if the client allows partial shipment)" : ""),
                List.of(),
                extensions);
    }

    public static DomainException clientSuspended() {
        return new DomainException(ErrorCode.CLIENT_SUSPENDED, "The client is suspended; no orders are placed for it");
    }

    public static DomainException operatorCannotOrder() {
        return new DomainException(
                ErrorCode.INSUFFICIENT_SCOPE,
                "Orders are placed with a client's token; the client comes from the token");
    }
}
