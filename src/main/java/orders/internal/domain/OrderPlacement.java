package orders.internal.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import inventory.Backordering;
import inventory.InventoryApi;
import inventory.LinePrice;
import inventory.Reservation;
import inventory.StockRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import orders.OrderView;
import orders.events.OrderCreated;
import platform.audit.AuditWriter;
import platform.error.FieldError;
import platform.id.Ids;
import platform.outbox.OutboxWriter;
import tenancy.ClientTerms;
import tenancy.TenancyApi;

/**
 * Places an order in one transaction of eleven statements (ADR 0053): prices every line (contract
 * tiers, else list price less discount), inserts the head if the committed exposure leaves room, reserves
 * all stock or none, then in one last statement inserts the lines, writes {@code order.created} to the
 * outbox, stores the idempotency answer and checks and adds the credit exposure. Any refusal rolls all
 * of it back.
 */
@ApplicationScoped
public class OrderPlacement {

    public static final String CREATED = OrderCreated.TYPE;

    private final TenancyApi tenancy;
    private final InventoryApi inventory;
    private final ExposureRepository exposure;
    private final OrderViews views;
    private final OutboxWriter outbox;
    private final IdempotencyStore idempotency;
    private final ObjectMapper json;
    private final AuditWriter audit;
    private final TenantScopeRepository scope;
    private final PlacementRepository statements;
    private final OrdersConfig config;

    OrderPlacement(
            TenancyApi tenancy,
            InventoryApi inventory,
            ExposureRepository exposure,
            OrderViews views,
            OutboxWriter outbox,
            IdempotencyStore idempotency,
            ObjectMapper json,
            AuditWriter audit,
            TenantScopeRepository scope,
            PlacementRepository statements,
            OrdersConfig config) {
        this.statements = statements;
        this.config = config;
        this.audit = audit;
        this.scope = scope;
        this.tenancy = tenancy;
        this.inventory = inventory;
        this.exposure = exposure;
        this.views = views;
        this.outbox = outbox;
        this.idempotency = idempotency;
        this.json = json;
    }

    @Transactional
    public OrderView place(UUID clientId, String actor, NewOrder order, Optional<IdempotencyStore.Claim> claim) {
        return place(clientId, actor, order, claim, null, null);
    }

    /**
     * Places the order of an accepted quote, in the caller's transaction: at the quoted prices, with the
     * quote's held stock turned into reservations instead of reserving anew; credit is checked now.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OrderView placeQuoted(
            UUID clientId,
            String actor,
            NewOrder order,
            List<LinePrice> quotedPrices,
            UUID quoteId,
            Optional<IdempotencyStore.Claim> claim) {
        return place(clientId, actor, order, claim, quotedPrices, quoteId);
    }

    private OrderView place(
            UUID clientId,
            String actor,
            NewOrder order,
            Optional<IdempotencyStore.Claim> claim,
            List<LinePrice> quotedPrices,
            UUID quoteId) {
        if (claim.isPresent()) { // first: the key is this transaction's until it ends
            idempotency.holdAsTenant(claim.get());
        } else {
            scope.tenant(clientId);
        }
        ClientTerms terms = tenancy.terms(clientId).orElseThrow(() -> OrderErrors.notFound("client " + clientId));
        if (!terms.active()) { // the API refuses a suspended client's tokens; this catches its queued batch orders
            throw OrderErrors.clientSuspended();
        }
        int n = order.lines().size();
        List<StockRequest> requests = new ArrayList<>(n);
        Map<String, Integer> lineOfSku = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            NewOrder.Line line = order.lines().get(i);
            requests.add(new StockRequest(line.sku(), line.quantity()));
            lineOfSku.put(line.sku(), i);
        }

        List<LinePrice> prices =
                quotedPrices != null ? quotedPrices : inventory.price(clientId, terms.discountPercent(), requests);
        PricedLines priced = PricedLines.of(prices);

        // the order's own policy, else the client's default; a quote's order has its stock held already
        String policy = order.backorderPolicy() != null ? order.backorderPolicy() : terms.backorderPolicy();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID id = Ids.newId();
        OrderRepository.OrderRow row = new OrderRepository.OrderRow(
                id,
                clientId,
                order.externalRef(),
                OrderStatus.PENDING.value(),
                order.priority(),
                terms.currency(),
                n,
                priced.total(),
                views.encrypt(id, order.shipTo()),
                order.notes(),
                null,
                0,
                now,
                now,
                quotedPrices != null ? BackorderPolicy.REJECT : policy,
                0);
        // The head goes in only if the committed exposure leaves room (a plain read, no lock), so that a
        // refusal for credit comes before any stock is locked and before an answer about stock; the
        // conditional update in the last statement is the check that holds under concurrency.
        PlacementRepository.Head head = statements.insertHeadWithinCredit(row, terms.creditLimit());
        if (head.standing().add(priced.total()).compareTo(terms.creditLimit()) > 0) {
            throw OrderErrors.creditLimitExceeded(terms.creditLimit(), head.standing(), priced.total());
        }
        if (!head.inserted()) {
            throw OrderErrors.duplicateExternalRef(order.externalRef());
        }
        Reservation reservation;
        Map<String, Long> waiting = Map.of();
        if (quotedPrices != null) {
            inventory.convertHold(
                    quoteId, id, requests, actor); // the quote's held units become this order's reservation
            reservation = Reservation.done();
        } else if (BackorderPolicy.BACKORDER.equals(row.backorderPolicy())) {
            // what is there is reserved, the rest waits in line; credit still counts the whole order
            Backordering backordering = inventory.reserveOrBackorder(id, clientId, order.location(), requests, actor);
            reservation = backordering.placed()
                    ? Reservation.done()
                    : Reservation.refused(List.of(), backordering.unknownSkus());
            waiting = backordering.backordered();
        } else {
            reservation = inventory.reserveAllOrNothing(id, order.location(), requests, actor);
        }
        if (!reservation.reserved()) {
            if (!reservation.unknownSkus().isEmpty()) { // retired or removed since pricing
                throw OrderErrors.unknownSkus(reservation.unknownSkus().stream()
                        .map(s -> FieldError.of(
                                "/lines/" + lineOfSku.get(s) + "/sku", "unknown_sku", "no product with SKU " + s))
                        .toList());
            }
            throw OrderErrors.insufficientStock(reservation.shortages(), lineOfSku);
        }
        Long[] backordered = new Long[n];
        String[] skus = priced.skus();
        for (int i = 0; i < n; i++) {
            backordered[i] = waiting.getOrDefault(skus[i], 0L);
        }
        if (!waiting.isEmpty()) {
            row = row.withBackordered(
                    waiting.values().stream().mapToLong(Long::longValue).sum());
        }

        OrderView view = views.view(row, List.of(new OrderView.StatusChange(OrderStatus.PENDING.value(), now, actor)));
        audit.record(
                CREATED,
                id.toString(),
                java.util.Map.of(
                        "lineCount", n, "total", view.total(), "externalRef", String.valueOf(order.externalRef())),
                actor,
                clientId);
        Optional<PlacementRepository.Answer> answer = claim.map(c -> new PlacementRepository.Answer(
                c, 201, toJson(view), "/v1/orders/" + id, now, now.plus(config.idempotencyRetention())));
        // Last, in one statement: lines, history, the order's event, the stored answer and the credit, taken
        // from one of the client's credit slices at random (ADR 0053), so the client's orders on other
        // slices do not wait for this one; the slice is locked by the statement right before commit and held
        // only for that (stock rows, then credit slices in slice order: the lock order everywhere).
        int slice = exposure.anySlice();
        if (!statements.insertRestAndTakeCredit(
                id,
                clientId,
                priced,
                backordered,
                OrderStatus.PENDING.value(),
                now,
                actor,
                outbox.row(OrderCreated.of(view)),
                answer,
                slice,
                terms.creditLimit())) {
            // the slice was short: all slices, locked in slice order, decide, and the headroom is split anew
            Optional<BigDecimal> blocking =
                    exposure.takeSplitting(clientId, slice, priced.total(), terms.creditLimit());
            if (blocking.isPresent()) {
                throw OrderErrors.creditLimitExceeded(terms.creditLimit(), blocking.get(), priced.total());
            }
        }
        return view;
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
