package tenancy.internal.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import platform.error.Validation;
import platform.money.Money;
import platform.web.MergePatch;
import tenancy.internal.domain.ClientPatch;
import tenancy.internal.domain.ClientStatus;

/**
 * Reads a JSON merge patch (RFC 7396) of a client, reporting every problem at once: absent members stay
 * unchanged, {@code null} clears optional members, unknown or read-only members are refused.
 */
final class ClientPatchReader {

    private static final Set<String> FIELDS = Set.of(
            "name",
            "creditLimit",
            "discountPercent",
            "rateLimitPerMinute",
            "contactEmail",
            "taxId",
            "status",
            "quoteHoldDuration",
            "backorderPolicy",
            "allowPartialShipment");
    private static final Set<String> READ_ONLY = Set.of("id", "currency", "version", "createdAt", "updatedAt");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private ClientPatchReader() {}

    static ClientPatch read(JsonNode body) {
        Validation v = MergePatch.start(body, FIELDS, READ_ONLY);
        Optional<String> name = Optional.empty();
        if (body.has("name")) {
            JsonNode n = body.get("name");
            if (!n.isTextual() || n.asText().isBlank() || n.asText().length() > 200) {
                v.add("/name", "invalid", "must be a non-blank string of at most 200 characters");
            } else {
                name = Optional.of(n.asText());
            }
        }
        Optional<BigDecimal> creditLimit = Optional.empty();
        if (body.has("creditLimit")) {
            JsonNode n = body.get("creditLimit");
            Optional<BigDecimal> amount = n.isTextual() ? Money.parse(n.asText()) : Optional.empty();
            if (amount.isEmpty() || amount.get().signum() < 0) {
                v.add("/creditLimit", "invalid", "must be a non-negative money string such as \"50000.00\"");
            } else {
                creditLimit = amount;
            }
        }
        Optional<BigDecimal> discount = Optional.empty();
        if (body.has("discountPercent")) {
            BigDecimal d = decimal(body.get("discountPercent"));
            if (d == null
                    || d.signum() < 0
                    || d.compareTo(BigDecimal.valueOf(100)) > 0
                    || d.stripTrailingZeros().scale() > 2) {
                v.add(
                        "/discountPercent",
                        "invalid",
                        "must be a number or a decimal string from 0 to 100 with at most two decimals");
            } else {
                discount = Optional.of(d);
            }
        }
        Optional<Optional<Integer>> rateLimit = Optional.empty();
        if (body.has("rateLimitPerMinute")) {
            JsonNode n = body.get("rateLimitPerMinute");
            if (n.isNull()) {
                rateLimit = Optional.of(Optional.empty());
            } else if (!n.isIntegralNumber() || n.asLong() < 1 || n.asLong() > 1_000_000) {
                v.add(
                        "/rateLimitPerMinute",
                        "invalid",
                        "must be an integer from 1 to 1000000, or null for the default");
            } else {
                rateLimit = Optional.of(Optional.of(n.asInt()));
            }
        }
        Optional<Optional<String>> email = nullableText(body, "contactEmail", 254, v);
        email.flatMap(e -> e)
                .filter(e -> !EMAIL.matcher(e).matches())
                .ifPresent(e -> v.add("/contactEmail", "invalid", "must be an e-mail address"));
        Optional<Optional<String>> taxId = nullableText(body, "taxId", 64, v);
        Optional<ClientStatus> status = Optional.empty();
        if (body.has("status")) {
            JsonNode n = body.get("status");
            status = n.isTextual() ? ClientStatus.parse(n.asText()) : Optional.empty();
            if (status.isEmpty()) {
                v.add("/status", "invalid", "must be \"active\" or \"suspended\"");
            }
        }
        Optional<Optional<java.time.Duration>> quoteHold = Optional.empty();
        if (body.has("quoteHoldDuration")) {
            JsonNode n = body.get("quoteHoldDuration");
            java.time.Duration d = null;
            if (n.isTextual()) {
                try {
                    d = java.time.Duration.parse(n.asText());
                } catch (java.time.format.DateTimeParseException e) {
                    d = null;
                }
            }
            if (n.isNull()) {
                quoteHold = Optional.of(Optional.empty());
            } else if (d == null
                    || d.compareTo(java.time.Duration.ofMinutes(1)) < 0
                    || d.compareTo(java.time.Duration.ofDays(30)) > 0
                    || d.getNano() != 0) {
                v.add(
                        "/quoteHoldDuration",
                        "invalid",
                        "must be an ISO 8601 duration of whole seconds from PT1M to P30D, such as PT72H, or null for"
                                + " the default");
            } else {
                quoteHold = Optional.of(Optional.of(d));
            }
        }
        Optional<String> backorderPolicy = Optional.empty();
        if (body.has("backorderPolicy")) {
            JsonNode n = body.get("backorderPolicy");
            if (!n.isTextual() || !(n.asText().equals("reject") || n.asText().equals("backorder"))) {
                v.add("/backorderPolicy", "invalid", "must be \"reject\" or \"backorder\"");
            } else {
                backorderPolicy = Optional.of(n.asText());
            }
        }
        Optional<Boolean> partial = Optional.empty();
        if (body.has("allowPartialShipment")) {
            JsonNode n = body.get("allowPartialShipment");
            if (!n.isBoolean()) {
                v.add("/allowPartialShipment", "invalid", "must be true or false");
            } else {
                partial = Optional.of(n.asBoolean());
            }
        }
        v.throwIfInvalid();
        return new ClientPatch(
                name, creditLimit, discount, rateLimit, email, taxId, status, quoteHold, backorderPolicy, partial);
    }

    private static Optional<Optional<String>> nullableText(JsonNode body, String field, int max, Validation v) {
        if (!body.has(field)) {
            return Optional.empty();
        }
        JsonNode n = body.get(field);
        if (n.isNull()) {
            return Optional.of(Optional.empty());
        }
        if (!n.isTextual() || n.asText().isEmpty() || n.asText().length() > max) {
            v.add("/" + field, "invalid", "must be a string of 1 to " + max + " characters, or null");
            return Optional.empty();
        }
        return Optional.of(Optional.of(n.asText()));
    }

    /** A number, or a string holding a plain decimal; null for anything else. */
    private static BigDecimal decimal(JsonNode n) {
        if (n.isNumber()) {
            return n.decimalValue();
        }
        if (n.isTextual() && n.asText().matches("^-?[0-9]{1,20}(\\.[0-9]{1,20})?$")) {
            return new BigDecimal(n.asText());
        }
        return null;
    }

    /**
     * Codes that are in ISO 4217 but name no currency a client pays in: the test and "no currency" codes,
     * precious metals, supranational units and the funds codes.
     */
    private static final Set<String> NOT_A_CURRENCY = Set.of(
            "XXX", "XTS", "XAU", "XAG", "XPD", "XPT", "XBA", "XBB", "XBC", "XBD", "XDR", "XSU", "XUA", "BOV", "CHE",
            "CHW", "CLF", "COU", "MXV", "USN", "USS", "UYI", "UYW");

    static boolean isIsoCurrency(String code) {
        if (code == null || NOT_A_CURRENCY.contains(code)) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
