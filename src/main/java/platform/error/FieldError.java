package platform.error;

/**
 * One problem with one part of a request body; {@code pointer} is a JSON Pointer (RFC 6901) into it.
 */
@org.eclipse.microprofile.openapi.annotations.media.Schema(
        name = "FieldError",
        requiredProperties = {"pointer", "code", "message"})
public record FieldError(String pointer, String code, String message) {

    public static FieldError of(String pointer, String code, String message) {
        return new FieldError(pointer, code, message);
    }
}
