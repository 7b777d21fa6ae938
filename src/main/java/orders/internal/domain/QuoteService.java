package orders.internal.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import inventory.InventoryApi;
import inventory.LinePrice;
import inventory.Reservation;
import inventory.StockRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import orders.OrderView;
import orders.QuoteView;
import orders.events.QuoteEvent;
import platform.error.DomainException;
import platform.error.ErrorCode;
import platform.error.FieldError;
import platform.id.Ids;
import platform.money.Money;
import platform.outbox.OutboxWriter;
import platform.page.Cursor;
import platform.page.Page;
import platform.page.PageRequest;
import tenancy.Caller;
import tenancy.ClientTerms;
import tenancy.TenancyApi;

/**
 * Quotes: priced lines whose stock is held (not reserved) until the quote is accepted, cancelled or
 * expired. Every change locks the quote row first, then the stock rows in SKU order (through
 * {@link InventoryApi}), then, on accept, the client's credit row: the one lock order of the module, so
 * an accept, a cancel and an expiry of one quote serialise on the quote row and exactly one of them
 * moves its held stock (ADR 0045).
 */
@ApplicationScoped
public class QuoteService {

    public static final String OPEN = "open";
    public static final String ACCEPTED = "accepted";
    public static final String CANCELLED = "cancelled";
    public static final String EXPIRED = "expired";

    private final TenancyApi tenancy;
    private final InventoryApi inventory;
    private final QuoteRepository quotes;
    private final OrderPlacement placement;
    private final OutboxWriter outbox;
    private final IdempotencyStore idempotency;
    private final TenantScopeRepository scope;
    private final OrdersConfig config;
    private final ObjectMapper json;

    QuoteService(
            TenancyApi tenancy,
            InventoryApi inventory,
            QuoteRepository quotes,
            OrderPlacement placement,
            OutboxWriter outbox,
            IdempotencyStore idempotency,
            TenantScopeRepository scope,
            OrdersConfig config,
            ObjectMapper json) {
        this.tenancy = tenancy;
        this.inventory = inventory;
        this.quotes = quotes;
        this.placement = placement;
        this.outbox = outbox;
        this.idempotency = idempotency;
        this.scope = scope;
        this.config = config;
        this.json = json;
    }

    /** Prices every line and holds all of its stock or none, in one transaction. */
    @Transactional
    public QuoteView create(UUID clientId, String actor, NewOrder request, Optional<IdempotencyStore.Claim> claim) {
        scope.tenant(clientId);
        claim.ifPresent(idempotency::hold);
        ClientTerms terms = tenancy.terms(clientId).orElseThrow(() -> notFound("client " + clientId));
        if (!terms.active()) {
            throw OrderErrors.clientSuspended();
        }
        int n = request.lines().size();
        List<StockRequest> requests = new ArrayList<>(n);
        Map<String, Integer> lineOfSku = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            NewOrder.Line line = request.lines().get(i);
            requests.add(new StockRequest(line.sku(), line.quantity()));
            lineOfSku.put(line.sku(), i);
        }
        List<LinePrice> prices = inventory.price(clientId, terms.discountPercent(), requests);
        PricedLines priced = PricedLines.of(prices);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID id = Ids.newId();
        QuoteRepository.QuoteRow row = new QuoteRepository.QuoteRow(
                id,
                clientId,
                request.externalRef(),
                OPEN,
                terms.currency(),
                n,
                priced.total(),
                request.notes(),
                null,
                now.plus(tenancy.quoteHoldDuration(clientId).orElse(config.quoteHoldDuration())),
                0,
                now,
                now);
        if (!quotes.insert(row)) {
            throw OrderErrors.duplicateExternalRef(request.externalRef());
        }
        Reservation hold = inventory.holdAllOrNothing(id, request.location(), requests, actor);
        if (!hold.reserved()) {
            if (!hold.unknownSkus().isEmpty()) {
                throw OrderErrors.unknownSkus(hold.unknownSkus().stream()
                        .map(s -> FieldError.of(
                                "/lines/" + lineOfSku.get(s) + "/sku", "unknown_sku", "no product with SKU " + s))
                        .toList());
            }
            throw OrderErrors.insufficientStock(hold.shortages(), lineOfSku);
        }
        quotes.insertLines(id, clientId, priced.skus(), priced.quantities(), priced.unitPrices(), priced.lineTotals());
        List<QuoteRepository.LineRow> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            lines.add(new QuoteRepository.LineRow(
                    priced.skus()[i], priced.quantities()[i], priced.unitPrices()[i], priced.lineTotals()[i]));
        }
        QuoteView view = view(row, lines);
        outbox.append(List.of(QuoteEvent.of(QuoteEvent.CREATED, view)));
        claim.ifPresent(c -> idempotency.complete(c, 201, toJson(view), "/v1/quotes/" + id));
        return view;
    }

    /** The quote, if the caller may see it; another client's quote is not found. */
    @Transactional
    public QuoteView get(UUID id, Caller caller) {
        scope.of(caller.tenantId());
        QuoteRepository.QuoteRow row = quotes.find(id, false)
                .filter(q -> caller.isOperator() || caller.is(q.clientId()))
                .orElseThrow(() -> notFound(id));
        return view(row, quotes.lines(id));
    }

    /** The owner of a quote the caller may see (operators act for its client). */
    @Transactional
    public UUID owner(UUID id, Caller caller) {
        scope.of(caller.tenantId());
        return quotes.find(id, false)
                .filter(q -> caller.isOperator() || caller.is(q.clientId()))
                .map(QuoteRepository.QuoteRow::clientId)
                .orElseThrow(() -> notFound(id));
    }

    @Transactional
    public Page<QuoteView> list(UUID clientFilter, String status, PageRequest page, Caller caller) {
        scope.of(caller.tenantId());
        UUID clientId = caller.tenantId().orElse(clientFilter);
        Cursor after = page.after();
        List<QuoteRepository.QuoteRow> rows = quotes.page(
                clientId,
                status,
                after == null ? null : after.createdAt(),
                after == null ? null : after.id(),
                page.limit());
        return Page.of(rows, page.limit(), r -> new Cursor(r.createdAt(), r.id()), r -> view(r, quotes.lines(r.id())));
    }

    /**
     * Turns an open quote into an order at the quoted prices, in one transaction: the quote row is locked,
     * its held stock becomes the order's reservation, credit is checked now. A quote past its expiry that
     * the job has not reached yet is refused like an expired one.
     */
    @Transactional
    public OrderView accept(
            UUID id,
            UUID clientId,
            java.util.OptionalLong expectedVersion,
            String actor,
            Optional<IdempotencyStore.Claim> claim) {
        scope.tenant(clientId);
        claim.ifPresent(idempotency::hold);
        QuoteRepository.QuoteRow row =
                quotes.find(id, true).filter(q -> q.clientId().equals(clientId)).orElseThrow(() -> notFound(id));
        checkVersion(row, expectedVersion);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        requireOpen(row, ACCEPTED, now);
        List<QuoteRepository.LineRow> lines = quotes.lines(id);
        List<NewOrder.Line> orderLines = new ArrayList<>(lines.size());
        List<LinePrice> prices = new ArrayList<>(lines.size());
        for (QuoteRepository.LineRow l : lines) {
            orderLines.add(new NewOrder.Line(l.sku(), l.quantity()));
            prices.add(new LinePrice(l.sku(), l.quantity(), LinePrice.Status.PRICED, l.unitPrice(), l.lineTotal()));
        }
        NewOrder order = new NewOrder(null, Priority.NORMAL.value(), null, row.notes(), orderLines);
        OrderView placed = placement.placeQuoted(clientId, actor, order, prices, id, claim);
        quotes.finish(id, ACCEPTED, placed.id(), now);
        outbox.append(List.of(
                QuoteEvent.of(QuoteEvent.ACCEPTED, view(finished(row, ACCEPTED, placed.id(), now), lines))));
        return placed;
    }

    /** Cancels an open quote and releases its holds, once. */
    @Transactional
    public QuoteView cancel(UUID id, Caller caller, java.util.OptionalLong expectedVersion) {
        scope.of(caller.tenantId());
        QuoteRepository.QuoteRow row = quotes.find(id, true)
                .filter(q -> caller.isOperator() || caller.is(q.clientId()))
                .orElseThrow(() -> notFound(id));
        checkVersion(row, expectedVersion);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        requireOpen(row, CANCELLED, now);
        return release(row, CANCELLED, QuoteEvent.CANCELLED, now, caller.subject());
    }

    /**
     * Expires up to {@code limit} open quotes past their time, in one transaction, releasing their holds;
     * rows locked elsewhere are skipped (they are being accepted, cancelled or expired by someone else).
     */
    @Transactional
    public int expireDue(Instant now, int limit) {
        scope.all();
        List<QuoteRepository.QuoteRow> due = quotes.lockExpired(now, limit);
        if (due.isEmpty()) {
            return 0;
        }
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // one release for every line of every due quote: the stock rows are locked once, all in SKU order,
        // never quote by quote (which could lock Z, then wait for Y while an order holds Y and waits for Z)
        Map<UUID, List<QuoteRepository.LineRow>> linesOf = new HashMap<>();
        Map<UUID, List<StockRequest>> all = new java.util.LinkedHashMap<>();
        for (QuoteRepository.QuoteRow row : due) {
            List<QuoteRepository.LineRow> lines = quotes.lines(row.id());
            linesOf.put(row.id(), lines);
            all.put(
                    row.id(),
                    lines.stream()
                            .map(l -> new StockRequest(l.sku(), l.quantity()))
                            .toList());
        }
        inventory.releaseHolds(all, "quote-expiry");
        List<QuoteEvent> events = new ArrayList<>(due.size());
        for (QuoteRepository.QuoteRow row : due) {
            quotes.finish(row.id(), EXPIRED, null, at);
            events.add(
                    QuoteEvent.of(QuoteEvent.EXPIRED, view(finished(row, EXPIRED, null, at), linesOf.get(row.id()))));
        }
        outbox.append(events);
        return due.size();
    }

    private QuoteView release(QuoteRepository.QuoteRow row, String status, String eventType, Instant at, String actor) {
        List<QuoteRepository.LineRow> lines = quotes.lines(row.id());
        inventory.releaseHolds(
                Map.of(
                        row.id(),
                        lines.stream()
                                .map(l -> new StockRequest(l.sku(), l.quantity()))
                                .toList()),
                actor);
        quotes.finish(row.id(), status, null, at);
        QuoteView view = view(finished(row, status, null, at), lines);
        outbox.append(List.of(QuoteEvent.of(eventType, view)));
        return view;
    }

    /** If-Match, when sent, must name the quote's current version (412 otherwise). */
    private static void checkVersion(QuoteRepository.QuoteRow row, java.util.OptionalLong expectedVersion) {
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() != row.version()) {
            throw platform.error.Preconditions.stale(row.version());
        }
    }

    private static void requireOpen(QuoteRepository.QuoteRow row, String to, Instant now) {
        if (!OPEN.equals(row.status())) {
            throw invalidTransition(row.status(), to);
        }
        if (!row.expiresAt().isAfter(now)) {
            throw invalidTransition(EXPIRED, to);
        }
    }

    private static QuoteRepository.QuoteRow finished(
            QuoteRepository.QuoteRow r, String status, UUID orderId, Instant at) {
        return new QuoteRepository.QuoteRow(
                r.id(),
                r.clientId(),
                r.externalRef(),
                status,
                r.currency(),
                r.lineCount(),
                r.total(),
                r.notes(),
                orderId,
                r.expiresAt(),
                r.version() + 1,
                r.createdAt(),
                at);
    }

    static QuoteView view(QuoteRepository.QuoteRow r, List<QuoteRepository.LineRow> lines) {
        return new QuoteView(
                r.id(),
                r.clientId(),
                r.externalRef(),
                r.status(),
                r.currency(),
                r.expiresAt(),
                lines.stream()
                        .map(l -> new QuoteView.Line(
                                l.sku(), l.quantity(), Money.format(l.unitPrice()), Money.format(l.lineTotal())))
                        .toList(),
                Money.format(r.total()),
                r.notes(),
                r.orderId(),
                r.createdAt(),
                r.updatedAt(),
                r.version());
    }

    private static DomainException invalidTransition(String from, String to) {
        return new DomainException(
                ErrorCode.INVALID_TRANSITION,
                "A quote in status " + from + " cannot become " + to,
                List.of(),
                Map.of("currentStatus", from));
    }

    private static DomainException notFound(Object id) {
        return new DomainException(ErrorCode.NOT_FOUND, "No quote " + id);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
