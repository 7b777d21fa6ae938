package orders.internal.domain;

import com.fasterxml.jackson.databind.JsonNode;
import inventory.Sku;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import orders.ShipTo;
import platform.error.DomainException;
import platform.error.Validation;

/**
 * Reads an order request from JSON and reports every problem in one answer, each with a JSON Pointer:
 * unknown or server-owned members, wrong types, ranges, and SKUs named twice. Used by the synchronous
 * endpoint and by the batch worker alike, so both refuse the same orders the same way.
 */
@ApplicationScoped
public class OrderRequestParser {

    private static final Pattern COUNTRY = Pattern.compile("^[A-Z]{2}$");
    static final Set<String> FIELDS =
            Set.of("externalRef", "priority", "shipTo", "notes", "lines", "backorderPolicy", "location");
    private static final Pattern LOCATION = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
    private static final Set<String> SERVER_OWNED = Set.of(
            "id",
            "clientId",
            "status",
            "currency",
            "total",
            "lineCount",
            "createdAt",
            "updatedAt",
            "version",
            "statusHistory",
            "backordered");
    static final Set<String> SHIP_TO_FIELDS = Set.of("name", "line1", "line2", "city", "postalCode", "country");
    static final Set<String> LINE_FIELDS = Set.of("sku", "quantity");
    private static final long MAX_QUANTITY = 1_000_000;

    private final OrdersConfig config;

    OrderRequestParser(OrdersConfig config) {
        this.config = config;
    }

    public NewOrder parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw DomainException.invalid("", "the body must be a JSON object");
        }
        Validation v = new Validation();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (SERVER_OWNED.contains(field)) {
                v.add(
                        "/" + field,
                        "read_only",
                        field.equals("clientId")
                                ? "the client comes from the access token, never from the body"
                                : field + " is set by the server");
            } else if (!FIELDS.contains(field)) {
                v.add("/" + field, "unknown_property", "this property is not allowed here");
            }
        }
        String externalRef = optionalText(body, "externalRef", "/externalRef", 100, v);
        String priority = Priority.NORMAL.value();
        JsonNode p = body.get("priority");
        if (p != null && !p.isNull()) {
            if (!p.isTextual() || Priority.parse(p.asText()).isEmpty()) {
                v.add("/priority", "invalid", "must be one of " + Priority.allowed());
            } else {
                priority = p.asText();
            }
        }
        ShipTo shipTo = shipTo(body.get("shipTo"), v);
        String notes = optionalText(body, "notes", "/notes", 2000, v);
        String backorderPolicy = null;
        JsonNode b = body.get("backorderPolicy");
        if (b != null && !b.isNull()) {
            if (!b.isTextual() || !BackorderPolicy.isKnown(b.asText())) {
                v.add("/backorderPolicy", "invalid", "must be one of " + BackorderPolicy.allowed());
            } else {
                backorderPolicy = b.asText();
            }
        }
        String location = location(body, v);
        List<NewOrder.Line> lines = lines(body.get("lines"), v);
        v.throwIfInvalid();
        return new NewOrder(externalRef, priority, shipTo, notes, lines, backorderPolicy, location);
    }

    /** The optional {@code location} an order or quote takes its stock from (ADR 0052). */
    private static String location(JsonNode body, Validation v) {
        JsonNode l = body.get("location");
        if (l == null || l.isNull()) {
            return null;
        }
        if (!l.isTextual() || !LOCATION.matcher(l.asText()).matches()) {
            v.add("/location", "invalid", "must be a location code matching " + LOCATION.pattern());
            return null;
        }
        return l.asText();
    }

    static final Set<String> QUOTE_FIELDS = Set.of("externalRef", "notes", "lines", "location");

    /** Reads a quote request ({@code lines}, {@code externalRef}?, {@code notes}?) with the order rules. */
    public NewOrder parseQuote(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw DomainException.invalid("", "the body must be a JSON object");
        }
        Validation v = new Validation();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (SERVER_OWNED.contains(field) || field.equals("expiresAt") || field.equals("orderId")) {
                v.add(
                        "/" + field,
                        "read_only",
                        field.equals("clientId")
                                ? "the client comes from the access token (operators: the clientId query parameter)"
                                : field + " is set by the server");
            } else if (!QUOTE_FIELDS.contains(field)) {
                v.add("/" + field, "unknown_property", "this property is not allowed here");
            }
        }
        String externalRef = optionalText(body, "externalRef", "/externalRef", 100, v);
        String notes = optionalText(body, "notes", "/notes", 2000, v);
        String location = location(body, v);
        List<NewOrder.Line> lines = lines(body.get("lines"), v);
        v.throwIfInvalid();
        return new NewOrder(externalRef, Priority.NORMAL.value(), null, notes, lines, null, location);
    }

    static final Set<String> SHIPMENT_FIELDS = Set.of("lines", "carrier", "trackingNumber");
    private static final Set<String> SHIPMENT_SERVER_OWNED =
            Set.of("id", "orderId", "clientId", "status", "createdAt", "updatedAt", "deliveredAt", "version");

    /** Reads a shipment request ({@code lines}, {@code carrier}?, {@code trackingNumber}?) with the order line rules. */
    public ShipmentService.NewShipment parseShipment(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw DomainException.invalid("", "the body must be a JSON object");
        }
        Validation v = new Validation();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (SHIPMENT_SERVER_OWNED.contains(field)) {
                v.add("/" + field, "read_only", field + " is set by the server");
            } else if (!SHIPMENT_FIELDS.contains(field)) {
                v.add("/" + field, "unknown_property", "this property is not allowed here");
            }
        }
        String carrier = optionalText(body, "carrier", "/carrier", 100, v);
        String trackingNumber = optionalText(body, "trackingNumber", "/trackingNumber", 100, v);
        List<NewOrder.Line> lines = lines(body.get("lines"), v);
        v.throwIfInvalid();
        return new ShipmentService.NewShipment(lines, carrier, trackingNumber);
    }

    private List<NewOrder.Line> lines(JsonNode node, Validation v) {
        if (node == null || node.isNull()) {
            v.add("/lines", "required", "an order needs at least one line");
            return List.of();
        }
        if (!node.isArray()) {
            v.add("/lines", "invalid_type", "must be an array of lines");
            return List.of();
        }
        int max = config.maxLines();
        if (node.isEmpty() || node.size() > max) {
            v.add("/lines", "invalid", "an order has 1 to " + max + " lines, not " + node.size());
            return List.of();
        }
        List<NewOrder.Line> lines = new ArrayList<>(node.size());
        Map<String, Integer> firstIndex = new HashMap<>(node.size() * 2);
        for (int i = 0; i < node.size(); i++) {
            JsonNode line = node.get(i);
            String at = "/lines/" + i;
            if (!line.isObject()) {
                v.add(at, "invalid_type", "a line is an object with sku and quantity");
                continue;
            }
            for (Iterator<String> it = line.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!LINE_FIELDS.contains(field)) {
                    v.add(
                            at + "/" + field,
                            field.toLowerCase().contains("price") ? "read_only" : "unknown_property",
                            field.toLowerCase().contains("price")
                                    ? "prices are set by the server"
                                    : "this property is not allowed here");
                }
            }
            JsonNode sku = line.get("sku");
            boolean skuOk = sku != null && sku.isTextual() && Sku.isValid(sku.asText());
            if (!skuOk) {
                v.add(at + "/sku", "invalid", "must be a SKU (letters, digits, '.', '_', '-'; 1 to 64 characters)");
            } else {
                Integer earlier = firstIndex.putIfAbsent(sku.asText(), i);
                if (earlier != null) {
                    v.add(
                            at + "/sku",
                            "duplicate_sku",
                            "SKU " + sku.asText() + " is already on line /lines/" + earlier);
                }
            }
            JsonNode quantity = line.get("quantity");
            boolean quantityOk = quantity != null
                    && quantity.isIntegralNumber()
                    && quantity.canConvertToLong()
                    && quantity.asLong() >= 1
                    && quantity.asLong() <= MAX_QUANTITY;
            if (!quantityOk) {
                v.add(at + "/quantity", "invalid", "must be an integer from 1 to " + MAX_QUANTITY);
            }
            if (skuOk && quantityOk) {
                lines.add(new NewOrder.Line(sku.asText(), quantity.asLong()));
            }
        }
        return lines;
    }

    private static ShipTo shipTo(JsonNode node, Validation v) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            v.add("/shipTo", "invalid_type", "must be an address object");
            return null;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!SHIP_TO_FIELDS.contains(field)) {
                v.add("/shipTo/" + field, "unknown_property", "this property is not allowed here");
            }
        }
        String name = requiredText(node, "name", "/shipTo/name", 200, v);
        String line1 = requiredText(node, "line1", "/shipTo/line1", 200, v);
        String line2 = optionalText(node, "line2", "/shipTo/line2", 200, v);
        String city = requiredText(node, "city", "/shipTo/city", 100, v);
        String postalCode = requiredText(node, "postalCode", "/shipTo/postalCode", 20, v);
        String country = requiredText(node, "country", "/shipTo/country", 2, v);
        if (country != null && !COUNTRY.matcher(country).matches()) {
            v.add("/shipTo/country", "invalid", "must be an ISO 3166-1 alpha-2 code such as DE");
        }
        return new ShipTo(name, line1, line2, city, postalCode, country);
    }

    private static String requiredText(JsonNode parent, String field, String pointer, int max, Validation v) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            v.add(pointer, "required", field + " is required");
            return null;
        }
        return text(node, pointer, max, v);
    }

    private static String optionalText(JsonNode parent, String field, String pointer, int max, Validation v) {
        JsonNode node = parent.get(field);
        return node == null || node.isNull() ? null : text(node, pointer, max, v);
    }

    private static String text(JsonNode node, String pointer, int max, Validation v) {
        if (!node.isTextual() || node.asText().isBlank() || node.asText().length() > max) {
            v.add(pointer, "invalid", "must be a non-blank string of at most " + max + " characters");
            return null;
        }
        return node.asText();
    }
}
