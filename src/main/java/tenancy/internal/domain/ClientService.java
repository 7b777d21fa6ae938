package tenancy.internal.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import platform.audit.AuditWriter;
import platform.crypto.FieldCipher;
import platform.error.Preconditions;
import platform.id.Ids;
import platform.money.Money;
import platform.page.Cursor;
import platform.page.Page;
import platform.page.PageRequest;
import tenancy.Caller;
import tenancy.Scopes;

/** Creates, reads and changes clients; a client may read itself, operators with clients:admin all. */
@ApplicationScoped
public class ClientService {

    /** Requests per minute of a client that has no limit of its own (SPEC §6). */
    public static final int DEFAULT_RATE_LIMIT = 1_000;

    private final FieldCipher cipher;
    private final Event<CredentialsChanged> changed;
    private final AuditWriter audit;

    ClientService(FieldCipher cipher, Event<CredentialsChanged> changed, AuditWriter audit) {
        this.audit = audit;
        this.cipher = cipher;
        this.changed = changed;
    }

    @Transactional
    public ClientView create(NewClient request) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ClientEntity client = new ClientEntity();
        client.id = Ids.newId();
        client.name = request.name().trim();
        client.currency = request.currency();
        client.creditLimit = request.creditLimit();
        client.discountPercent = request.discountPercent() == null
                ? BigDecimal.ZERO.setScale(2)
                : request.discountPercent().setScale(2, RoundingMode.UNNECESSARY);
        client.rateLimitPerMinute = request.rateLimitPerMinute();
        client.contactEmailCiphertext = cipher.encrypt(request.contactEmail(), context(client.id, "contact_email"));
        client.taxIdCiphertext = cipher.encrypt(request.taxId(), context(client.id, "tax_id"));
        client.status = ClientStatus.ACTIVE.value();
        client.createdAt = now;
        client.updatedAt = now;
        client.persist();
        client.flush();
        audit.record("client.created", client.id.toString(), java.util.Map.of("name", client.name));
        return view(client);
    }

    @Transactional
    public Page<ClientView> list(PageRequest page) {
        List<ClientEntity> rows;
        if (page.after() == null) {
            rows = ClientEntity.find("ORDER BY createdAt, id")
                    .range(0, page.limit())
                    .list();
        } else {
            rows = ClientEntity.find(
                            "createdAt > ?1 OR (createdAt = ?1 AND id > ?2) ORDER BY createdAt, id",
                            page.after().createdAt(),
                            page.after().id())
                    .range(0, page.limit())
                    .list();
        }
        // range() is inclusive: limit + 1 rows, the last only telling that another page exists
        return Page.of(rows, page.limit(), c -> new Cursor(c.createdAt, c.id), this::view);
    }

    @Transactional
    public ClientView get(UUID id, Caller caller) {
        return view(visible(id, caller));
    }

    @Transactional
    public ClientView patch(UUID id, OptionalLong expectedVersion, ClientPatch patch) {
        ClientEntity client = ClientEntity.findById(id);
        if (client == null) {
            throw ClientNotFoundException.of(id);
        }
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() != client.version) {
            throw Preconditions.stale(client.version);
        }
        patch.name().ifPresent(n -> client.name = n.trim());
        patch.creditLimit().ifPresent(l -> client.creditLimit = l);
        patch.discountPercent().ifPresent(d -> client.discountPercent = d.setScale(2, RoundingMode.UNNECESSARY));
        patch.rateLimitPerMinute().ifPresent(r -> client.rateLimitPerMinute = r.orElse(null));
        patch.quoteHoldDuration()
                .ifPresent(d -> client.quoteHoldSeconds =
                        d.map(java.time.Duration::getSeconds).orElse(null));
        patch.backorderPolicy().ifPresent(p -> client.backorderPolicy = p);
        patch.allowPartialShipment().ifPresent(a -> client.allowPartialShipment = a);
        patch.contactEmail()
                .ifPresent(e -> client.contactEmailCiphertext =
                        cipher.encrypt(e.orElse(null), context(client.id, "contact_email")));
        patch.taxId()
                .ifPresent(t -> client.taxIdCiphertext = cipher.encrypt(t.orElse(null), context(client.id, "tax_id")));
        patch.status().filter(s -> !s.value().equals(client.status)).ifPresent(s -> {
            client.status = s.value();
            changed.fire(new CredentialsChanged());
        });
        client.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        client.flush();
        audit.record(
                "client.updated",
                client.id.toString(),
                java.util.Map.of("status", client.status, "version", client.version));
        return view(client);
    }

    /** The client, if the caller may see it; otherwise the same 404 as for an unknown id. */
    ClientEntity visible(UUID id, Caller caller) {
        if (!caller.hasScope(Scopes.CLIENTS_ADMIN) && !caller.is(id)) {
            throw ClientNotFoundException.of(id);
        }
        ClientEntity client = ClientEntity.findById(id);
        if (client == null) {
            throw ClientNotFoundException.of(id);
        }
        return client;
    }

    ClientView view(ClientEntity c) {
        return new ClientView(
                c.id,
                c.name,
                c.currency,
                Money.format(c.creditLimit),
                c.discountPercent,
                c.rateLimitPerMinute == null ? DEFAULT_RATE_LIMIT : c.rateLimitPerMinute,
                cipher.decrypt(c.contactEmailCiphertext, context(c.id, "contact_email")),
                cipher.decrypt(c.taxIdCiphertext, context(c.id, "tax_id")),
                c.status,
                c.version,
                c.createdAt,
                c.updatedAt,
                c.quoteHoldSeconds == null
                        ? null
                        : java.time.Duration.ofSeconds(c.quoteHoldSeconds).toString(),
                c.backorderPolicy,
                c.allowPartialShipment);
    }

    static String context(UUID id, String column) {
        return "tenancy.clients." + column + ":" + id;
    }
}
