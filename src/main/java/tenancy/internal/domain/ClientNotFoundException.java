package tenancy.internal.domain;

import platform.error.DomainException;
import platform.error.ErrorCode;

/** No such client, or not one the caller may see (the same answer, so ids cannot be probed). */
public class ClientNotFoundException extends DomainException {

    private ClientNotFoundException(String detail) {
        super(ErrorCode.NOT_FOUND, detail);
    }

    public static ClientNotFoundException of(Object id) {
        return new ClientNotFoundException("No client " + id);
    }
}
