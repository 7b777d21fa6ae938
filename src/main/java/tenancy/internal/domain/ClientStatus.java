package tenancy.internal.domain;

import java.util.Arrays;
import java.util.Optional;

/** Whether a client may use the API. */
public enum ClientStatus {
    ACTIVE("active"),
    SUSPENDED("suspended");

    private final String value;

    ClientStatus(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<ClientStatus> parse(String text) {
        return Arrays.stream(values()).filter(s -> s.value.equals(text)).findFirst();
    }
}
