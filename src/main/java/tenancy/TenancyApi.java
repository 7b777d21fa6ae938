package tenancy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;
import tenancy.internal.domain.ClientEntity;

/** The tenancy module's entry point for other modules: reads of client terms, never entities. */
@ApplicationScoped
public class TenancyApi {

    /** The terms of a client, or empty when there is no such client. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ClientTerms> terms(UUID clientId) {
        return ClientEntity.<ClientEntity>findByIdOptional(clientId)
                .map(c -> new ClientTerms(c.id, c.currency, c.creditLimit, c.discountPercent, !c.isSuspended()));
    }
}
