package tenancy;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import tenancy.internal.domain.ClientTermsRepository;

/** The tenancy module's entry point for other modules: reads of client terms, never entities. */
@ApplicationScoped
public class TenancyApi {

    private final ClientTermsRepository terms;

    TenancyApi(ClientTermsRepository terms) {
        this.terms = terms;
    }

    /** The terms of a client, or empty when there is no such client. One indexed read, in the caller's transaction. */
    public Optional<ClientTerms> terms(UUID clientId) {
        return terms.find(clientId);
    }
}
