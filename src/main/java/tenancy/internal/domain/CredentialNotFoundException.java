package tenancy.internal.domain;

import platform.error.DomainException;
import platform.error.ErrorCode;

/** No such credential under that client. */
public class CredentialNotFoundException extends DomainException {

    private CredentialNotFoundException(String detail) {
        super(ErrorCode.NOT_FOUND, detail);
    }

    public static CredentialNotFoundException of(Object id) {
        return new CredentialNotFoundException("No credential " + id + " for this client");
    }
}
