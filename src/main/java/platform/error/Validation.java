package platform.error;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a request before refusing it, so the caller sees them all in one answer. */
public final class Validation {

    private final List<FieldError> errors = new ArrayList<>();

    public Validation add(String pointer, String code, String message) {
        errors.add(FieldError.of(pointer, code, message));
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws {@code invalid_request} with every collected problem, if there is any. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
    }
}
