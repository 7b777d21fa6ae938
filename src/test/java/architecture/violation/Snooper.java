package architecture.violation;

import tenancy.internal.domain.ClientEntity;

/** A deliberate rule breaker: reaches into tenancy's internals and uses its entity. Only {@code ModularityRulesCanFailTest} imports it. */
public class Snooper {

    public String peek(ClientEntity client) {
        return client.name;
    }
}
