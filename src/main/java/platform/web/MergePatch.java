package platform.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;
import platform.error.DomainException;
import platform.error.Validation;

/** The common opening of every JSON merge patch (RFC 7396) reader: an object, with only known members. */
public final class MergePatch {

    private MergePatch() {}

    /**
     * Refuses a body that is no JSON object; returns a {@link Validation} already holding a problem for each
     * read-only member ({@code read_only}) and each member not in {@code fields} ({@code unknown_property}).
     */
    public static Validation start(JsonNode body, Set<String> fields, Set<String> readOnly) {
        if (body == null || !body.isObject()) {
            throw DomainException.invalid("", "the body must be a JSON object");
        }
        Validation v = new Validation();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (readOnly.contains(field)) {
                v.add("/" + field, "read_only", field + " cannot be changed");
            } else if (!fields.contains(field)) {
                v.add("/" + field, "unknown_property", "this property is not allowed here");
            }
        }
        return v;
    }
}
