package apidoc.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Writes identifiers and timestamps where they are used ({@code type: string} with {@code format: uuid}
 * or {@code date-time}) instead of as references to schemas named after Java classes ({@code UUID},
 * {@code Instant}): generators would otherwise make model classes of them, and OpenAPI 3.0 ignores
 * {@code nullable} beside a reference.
 */
final class InlineFormats {

    private static final Map<String, String> FORMATS = Map.of("UUID", "uuid", "Instant", "date-time");
    private static final String PREFIX = "#/components/schemas/";

    private InlineFormats() {}

    static void apply(OpenAPI api) {
        Set<Schema> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Consumer<Schema> visit = new Consumer<>() {
            @Override
            public void accept(Schema schema) {
                if (schema == null || !seen.add(schema)) {
                    return;
                }
                inline(schema);
                if (schema.getAnyOf() != null) {
                    schema.getAnyOf().forEach(this);
                    collapseNullable(schema);
                }
                if (schema.getProperties() != null) {
                    schema.getProperties().values().forEach(this);
                }
                accept(schema.getItems());
                accept(schema.getAdditionalPropertiesSchema());
                accept(schema.getNot());
                for (List<Schema> list : lists(schema)) {
                    list.forEach(this);
                }
            }
        };
        if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
            api.getComponents().getSchemas().values().forEach(visit);
        }
        if (api.getComponents() != null && api.getComponents().getParameters() != null) {
            api.getComponents().getParameters().values().forEach(p -> visit.accept(p.getSchema()));
        }
        if (api.getPaths() != null && api.getPaths().getPathItems() != null) {
            api.getPaths()
                    .getPathItems()
                    .values()
                    .forEach(item -> item.getOperations().values().forEach(op -> {
                        if (op.getParameters() != null) {
                            op.getParameters().forEach(p -> visit.accept(p.getSchema()));
                        }
                        if (op.getRequestBody() != null) {
                            content(op.getRequestBody().getContent(), visit);
                        }
                        if (op.getResponses() != null) {
                            op.getResponses().getAPIResponses().values().forEach(r -> content(r.getContent(), visit));
                        }
                    }));
        }
        if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
            FORMATS.keySet().forEach(api.getComponents()::removeSchema);
        }
    }

    private static void content(Content content, Consumer<Schema> visit) {
        if (content != null && content.getMediaTypes() != null) {
            content.getMediaTypes().values().forEach(m -> visit.accept(m.getSchema()));
        }
    }

    private static List<List<Schema>> lists(Schema schema) {
        List<List<Schema>> lists = new ArrayList<>();
        for (List<Schema> list :
                List.of(nullSafe(schema.getAllOf()), nullSafe(schema.getAnyOf()), nullSafe(schema.getOneOf()))) {
            lists.add(list);
        }
        return lists;
    }

    private static List<Schema> nullSafe(List<Schema> list) {
        return list == null ? List.of() : list;
    }

    /**
     * A nullable identifier or timestamp arrives as {@code anyOf: [<format>, null]} beside {@code nullable};
     * after inlining it is simply a nullable string with that format.
     */
    private static void collapseNullable(Schema schema) {
        List<Schema> anyOf = schema.getAnyOf();
        if (anyOf.size() != 2) {
            return;
        }
        Schema value = isNull(anyOf.get(0)) ? anyOf.get(1) : isNull(anyOf.get(1)) ? anyOf.get(0) : null;
        if (value == null || value.getRef() != null || !FORMATS.containsValue(value.getFormat())) {
            return;
        }
        schema.setAnyOf(null);
        schema.setType(List.of(Schema.SchemaType.STRING, Schema.SchemaType.NULL));
        schema.setFormat(value.getFormat());
    }

    private static boolean isNull(Schema schema) {
        return schema.getRef() == null
                && ((schema.getType() != null && schema.getType().equals(List.of(Schema.SchemaType.NULL)))
                        || (schema.getEnumeration() != null
                                && schema.getEnumeration().size() == 1
                                && schema.getEnumeration().get(0) == null));
    }

    private static void inline(Schema schema) {
        String ref = schema.getRef();
        if (ref == null || !ref.startsWith(PREFIX)) {
            return;
        }
        String format = FORMATS.get(ref.substring(PREFIX.length()));
        if (format != null) {
            schema.setRef(null);
            schema.addType(Schema.SchemaType.STRING);
            schema.setFormat(format);
        }
    }
}
