package testsupport.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * Rewrites the document's nullable references for the response validator. OpenAPI 3.0 cannot put
 * {@code nullable} beside a {@code $ref}, so the document declares a nullable object property as
 * {@code {nullable: true, allOf: [{$ref: …}]}}; the validator library checks {@code null} against the
 * referenced schema inside {@code allOf} and refuses it. Here each such schema becomes an inline copy of
 * the referenced schema with {@code nullable: true}, which the library reads as intended. Only the
 * validator's copy of the document changes; the served document stays as it is.
 */
final class NullableReferences {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "#/components/schemas/";

    private NullableReferences() {}

    /** The document with every nullable single-reference {@code allOf} inlined. */
    static String inline(String document) {
        try {
            JsonNode root = JSON.readTree(document);
            JsonNode schemas = root.path("components").path("schemas");
            rewrite(root, schemas, new ArrayDeque<>());
            return JSON.writeValueAsString(root);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the OpenAPI document is not JSON", e);
        }
    }

    /** Rewrites below {@code node}; {@code inlining} holds the schemas being copied, against cycles. */
    private static void rewrite(JsonNode node, JsonNode schemas, Deque<String> inlining) {
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode element = array.get(i);
                JsonNode replacement = replacement(element, schemas, inlining);
                if (replacement != null) {
                    array.set(i, replacement);
                } else {
                    rewrite(element, schemas, inlining);
                }
            }
        } else if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode replacement = replacement(field.getValue(), schemas, inlining);
                if (replacement != null) {
                    field.setValue(replacement);
                } else {
                    rewrite(field.getValue(), schemas, inlining);
                }
            }
        }
    }

    /** The inline nullable copy for {@code {nullable: true, allOf: [{$ref}]}}, or null for anything else. */
    private static JsonNode replacement(JsonNode node, JsonNode schemas, Deque<String> inlining) {
        if (!(node instanceof ObjectNode schema)
                || !schema.path("nullable").asBoolean(false)
                || !(schema.get("allOf") instanceof ArrayNode allOf)
                || allOf.size() != 1
                || !allOf.get(0).path("$ref").isTextual()
                || allOf.get(0).size() != 1) {
            return null;
        }
        String ref = allOf.get(0).get("$ref").asText();
        if (!ref.startsWith(PREFIX)) {
            return null;
        }
        String name = ref.substring(PREFIX.length());
        JsonNode target = schemas.get(name);
        if (!(target instanceof ObjectNode) || inlining.contains(name)) {
            return null; // unknown, or a schema that contains itself: left as it is
        }
        ObjectNode copy = ((ObjectNode) target).deepCopy();
        schema.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("allOf")) {
                copy.set(field.getKey(), field.getValue().deepCopy());
            }
        });
        copy.put("nullable", true);
        inlining.push(name);
        rewrite(copy, schemas, inlining);
        inlining.pop();
        return copy;
    }
}
