package platform.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refusal that the caller can act on. Modules throw subclasses (or this class through its static
 * factories); the web layer turns it into a problem document without knowing the module.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions;
    private Long retryAfterSeconds;

    public DomainException(ErrorCode code, String detail) {
        this(code, detail, List.of(), Map.of());
    }

    public DomainException(ErrorCode code, String detail, List<FieldError> errors, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.code = code;
        this.errors = List.copyOf(errors);
        this.extensions = new LinkedHashMap<>(extensions);
    }

    public static DomainException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).message() : errors.size() + " problems in the request";
        return new DomainException(ErrorCode.INVALID_REQUEST, detail, errors, Map.of());
    }

    public static DomainException invalid(String pointer, String message) {
        return invalid(List.of(FieldError.of(pointer, "invalid", message)));
    }

    public static DomainException notFound(String what) {
        return new DomainException(ErrorCode.NOT_FOUND, what + " not found");
    }

    /** Asks the caller to wait this long before retrying (the {@code Retry-After} header). */
    public DomainException retryAfter(long seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
