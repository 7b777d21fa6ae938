package architecture.violation.internal.domain;

import jakarta.ws.rs.core.Response;

/** A deliberate rule breaker: domain code that answers HTTP. */
public class HttpAwareService {

    public Response answer() {
        return Response.ok().build();
    }
}
