package apidoc.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The members that problems of particular codes carry beside the RFC 9457 ones (SPEC §8), declared on
 * the kernel's {@code Problem} schema so that generated SDKs can read them. They are listed first, as a
 * reader meets them in the codes' descriptions. Applying it twice changes nothing.
 */
final class ProblemExtensions {

    private static final String MONEY = "^-?(0|[1-9][0-9]*)\\.[0-9]{2}$";

    private ProblemExtensions() {}

    static void addTo(Components components) {
        Schema problem =
                components.getSchemas() == null ? null : components.getSchemas().get("Problem");
        if (problem == null) {
            return;
        }
        components.addSchema(
                "Shortage",
                object().required(List.of("sku", "requested", "available"))
                        .addProperty("sku", string())
                        .addProperty("requested", int64())
                        .addProperty("available", int64()));
        components.setSchemas(new TreeMap<>(components.getSchemas())); // in name order, as the scanner lists them
        Map<String, Schema> members = new LinkedHashMap<>();
        members.put(
                "shortages",
                OASFactory.createSchema()
                        .description("insufficient_stock: every short line")
                        .addType(Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref("Shortage")));
        members.put("creditLimit", money("credit_limit_exceeded: the client's credit limit"));
        members.put("exposure", money("credit_limit_exceeded: open orders' total before this one"));
        members.put("orderTotal", money("credit_limit_exceeded, amount_too_large: this order's total"));
        members.put("maxAmount", money("amount_too_large: the largest total an order may have"));
        members.put("externalRef", string().description("duplicate_external_ref: the reference already used"));
        members.put(
                "currentStatus",
                string().description("invalid_transition: the order's (or the quote's) status now")
                        .enumeration(List.of(
                                "pending",
                                "processing",
                                "shipped",
                                "delivered",
                                "cancelled",
                                "open",
                                "accepted",
                                "expired")));
        members.put("units", integer().description("invalid_transition of a backordered order: the units it ordered"));
        members.put(
                "backordered",
                integer().description("invalid_transition of a backordered order: its units still waiting for stock"));
        members.put("sku", string().description("the SKU the problem is about (stock_below_reserved)"));
        if (problem.getProperties() != null) {
            problem.getProperties().forEach(members::putIfAbsent);
        }
        problem.setProperties(members);
    }

    private static Schema money(String description) {
        return string().description(description).pattern(MONEY);
    }

    private static Schema object() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT);
    }

    private static Schema string() {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    }

    private static Schema integer() {
        return OASFactory.createSchema().addType(Schema.SchemaType.INTEGER);
    }

    private static Schema int64() {
        return integer().format("int64");
    }
}
