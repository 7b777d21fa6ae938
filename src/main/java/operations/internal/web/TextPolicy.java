package operations.internal.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import platform.error.DomainException;

/**
 * Text the API accepts is well-formed Unicode: a lone UTF-16 surrogate (a JSON escape such as
 * {@code \uD800} without its pair) is refused with 400 wherever a string is read from a request body,
 * bound to a record or read as a tree, because it cannot be stored or passed on faithfully.
 */
public final class TextPolicy {

    private TextPolicy() {}

    /** True when every surrogate in {@code s} is part of a pair. */
    public static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    static String checked(String s, String pointer) {
        if (s != null && !wellFormed(s)) {
            throw DomainException.invalid(
                    pointer,
                    "contains a lone UTF-16 surrogate (an unpaired \\uD800-\\uDFFF escape); send valid Unicode");
        }
        return s;
    }

    /** Strings bound to records and collections. */
    static final class Strings extends StdScalarDeserializer<String> {
        Strings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            return checked(value, pointer(p));
        }

        private static String pointer(JsonParser p) {
            var path = p.getParsingContext().pathAsPointer().toString();
            return path.isEmpty() ? "/" : path;
        }
    }

    /** Strings of bodies read as trees ({@code JsonNode}). */
    static final class Nodes extends JsonNodeFactory {
        Nodes() {
            super();
        }

        @Override
        public TextNode textNode(String text) {
            return super.textNode(checked(text, "/"));
        }
    }
}
