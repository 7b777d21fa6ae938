package tenancy.internal.domain;

import platform.error.DomainException;
import platform.error.ErrorCode;

/** The token is valid but its client is suspended. */
public class ClientSuspendedException extends DomainException {

    private ClientSuspendedException() {
        super(ErrorCode.CLIENT_SUSPENDED, "This client is suspended; its tokens are refused");
    }

    public static ClientSuspendedException create() {
        return new ClientSuspendedException();
    }
}
