package operations.internal.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;

/** Turns Jackson and Bean Validation paths into JSON Pointers (RFC 6901) into the request body. */
public final class JsonPointers {

    private JsonPointers() {}

    public static String of(List<JsonMappingException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            sb.append('/');
            if (ref.getFieldName() != null) {
                sb.append(escape(ref.getFieldName()));
            } else if (ref.getIndex() >= 0) {
                sb.append(ref.getIndex());
            }
        }
        return sb.isEmpty() ? "" : sb.toString();
    }

    /**
     * Converts a Bean Validation property path such as {@code create.request.lines[3].quantity} (method,
     * parameter, then body properties) into {@code /lines/3/quantity}.
     */
    public static String ofPropertyPath(String path, int leadingNodesToDrop) {
        String[] nodes = path.split("\\.");
        StringBuilder sb = new StringBuilder();
        for (int i = leadingNodesToDrop; i < nodes.length; i++) {
            String node = nodes[i];
            int bracket = node.indexOf('[');
            if (bracket >= 0) {
                sb.append('/').append(escape(node.substring(0, bracket)));
                String index = node.substring(bracket + 1, node.indexOf(']', bracket));
                if (!index.isEmpty()) {
                    sb.append('/').append(index);
                }
            } else {
                sb.append('/').append(escape(node));
            }
        }
        return sb.toString();
    }

    public static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
