package orders.internal.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import inventory.InventoryApi;
import inventory.StockRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import orders.ShipmentView;
import platform.error.DomainException;
import platform.error.ErrorCode;
import platform.error.FieldError;
import platform.error.Preconditions;
import platform.page.Cursor;
import platform.page.Page;
import platform.page.PageRequest;
import tenancy.Caller;

/**
 * Shipments (ADR 0048): an operator ships lines and quantities of a processing order; the shipped units
 * leave stock (on-hand and reserved both go down) in the same transaction. Every change locks the order
 * row first, then the stock rows in SKU order, then the shipment row: the lock order of the module.
 */
@ApplicationScoped
public class ShipmentService {

    private final OrderRepository orders;
    private final ShipmentRepository shipments;
    private final ShipmentLedger ledger;
    private final OrderLifecycle lifecycle;
    private final InventoryApi inventory;
    private final IdempotencyStore idempotency;
    private final TenantScopeRepository scope;
    private final ObjectMapper json;

    ShipmentService(
            OrderRepository orders,
            ShipmentRepository shipments,
            ShipmentLedger ledger,
            OrderLifecycle lifecycle,
            InventoryApi inventory,
            IdempotencyStore idempotency,
            TenantScopeRepository scope,
            ObjectMapper json) {
        this.orders = orders;
        this.shipments = shipments;
        this.ledger = ledger;
        this.lifecycle = lifecycle;
        this.inventory = inventory;
        this.idempotency = idempotency;
        this.scope = scope;
        this.json = json;
    }

    /** What a shipment request names. */
    public record NewShipment(List<NewOrder.Line> lines, String carrier, String trackingNumber) {}

    /** The client of an order the caller may see (operators see every order). */
    @Transactional
    public UUID owner(UUID orderId, Caller caller) {
        return visible(orderId, caller).clientId();
    }

    /**
     * Ships these lines of a processing order: at most what each line ordered minus what earlier shipments
     * took. The order becomes shipped with the shipment that ships its last unit.
     */
    @Transactional
    public ShipmentView create(
            UUID orderId, NewShipment request, String actor, Optional<IdempotencyStore.Claim> claim) {
        scope.all();
        claim.ifPresent(idempotency::hold);
        OrderRepository.OrderRow order = orders.find(orderId, true).orElseThrow(() -> OrderErrors.notFound(orderId));
        if (!OrderStatus.PROCESSING.value().equals(order.status())) {
            throw new DomainException(
                    ErrorCode.INVALID_TRANSITION,
                    "An order in status " + order.status() + " cannot ship; shipments start once it is processing",
                    List.of(),
                    Map.of("currentStatus", order.status()));
        }
        Map<String, ShipmentRepository.LineBalance> balance = shipments.balance(orderId);
        List<FieldError> errors = new ArrayList<>();
        List<StockRequest> lines = new ArrayList<>(request.lines().size());
        for (int i = 0; i < request.lines().size(); i++) {
            NewOrder.Line line = request.lines().get(i);
            ShipmentRepository.LineBalance b = balance.get(line.sku());
            if (b == null) {
                errors.add(FieldError.of(
                        "/lines/" + i + "/sku", "not_on_order", "the order has no line with SKU " + line.sku()));
            } else if (line.quantity() > b.remaining()) {
                errors.add(FieldError.of(
                        "/lines/" + i + "/quantity",
                        "exceeds_unshipped",
                        "line " + b.lineNo() + " ordered " + b.ordered() + " and has shipped " + b.shipped()
                                + ", so at most " + b.remaining() + " can ship"));
            } else if (line.quantity() > b.shippable()) { // the rest waits for stock (backorder, ADR 0047)
                errors.add(FieldError.of(
                        "/lines/" + i + "/quantity",
                        "exceeds_allocated",
                        "line " + b.lineNo() + " has " + b.backordered() + " of its " + b.ordered()
                                + " units waiting for stock and has shipped " + b.shipped() + ", so at most "
                                + b.shippable() + " can ship now"));
            } else {
                lines.add(new StockRequest(line.sku(), line.quantity()));
            }
        }
        if (!errors.isEmpty()) {
            throw new DomainException(
                    ErrorCode.SHIPMENT_EXCEEDS_ORDER,
                    "A shipment can take at most what each line ordered minus what it has shipped",
                    errors,
                    Map.of());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        inventory.consume(orderId, lines, actor);
        ShipmentView view = ledger.record(order, lines, request.carrier(), request.trackingNumber(), now, actor);
        lifecycle.followShipments(order, request.trackingNumber(), actor);
        claim.ifPresent(
                c -> idempotency.complete(c, 201, toJson(view), "/v1/orders/" + orderId + "/shipments/" + view.id()));
        return view;
    }

    @Transactional
    public ShipmentView get(UUID orderId, UUID id, Caller caller) {
        visible(orderId, caller);
        return shipments.find(orderId, id, false).map(ledger::view).orElseThrow(() -> notFound(id));
    }

    @Transactional
    public Page<ShipmentView> list(UUID orderId, PageRequest page, Caller caller) {
        visible(orderId, caller);
        Cursor after = page.after();
        List<ShipmentRepository.ShipmentRow> rows = shipments.page(
                orderId, after == null ? null : after.createdAt(), after == null ? null : after.id(), page.limit());
        List<ShipmentRepository.ShipmentRow> shown = rows.size() > page.limit() ? rows.subList(0, page.limit()) : rows;
        Map<UUID, List<ShipmentView.Line>> lines = shipments.linesOf(
                shown.stream().map(ShipmentRepository.ShipmentRow::id).toList());
        return Page.of(
                rows,
                page.limit(),
                r -> new Cursor(r.createdAt(), r.id()),
                r -> ShipmentLedger.view(r, lines.getOrDefault(r.id(), List.of())));
    }

    /**
     * Marks a shipment delivered (If-Match required); the order becomes delivered when it is shipped and
     * every shipment is delivered.
     */
    @Transactional
    public ShipmentView deliver(UUID orderId, UUID id, OptionalLong expectedVersion, String actor) {
        scope.all();
        OrderRepository.OrderRow order = orders.find(orderId, true).orElseThrow(() -> OrderErrors.notFound(orderId));
        ShipmentRepository.ShipmentRow row = shipments.find(orderId, id, true).orElseThrow(() -> notFound(id));
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() != row.version()) {
            throw Preconditions.stale(row.version());
        }
        if (!ShipmentLedger.SHIPPED.equals(row.status())) {
            throw new DomainException(
                    ErrorCode.INVALID_TRANSITION,
                    "A shipment in status " + row.status() + " cannot become delivered",
                    List.of(),
                    Map.of("currentStatus", row.status()));
        }
        ShipmentView view = ledger.deliver(row, Instant.now().truncatedTo(ChronoUnit.MICROS), actor);
        lifecycle.followShipments(order, null, actor);
        return view;
    }

    private OrderRepository.OrderRow visible(UUID orderId, Caller caller) {
        scope.of(caller.tenantId());
        OrderRepository.OrderRow row = orders.find(orderId, false).orElseThrow(() -> OrderErrors.notFound(orderId));
        if (caller.tenantId().isPresent() && !caller.is(row.clientId())) {
            throw OrderErrors.notFound(orderId);
        }
        return row;
    }

    private static DomainException notFound(UUID id) {
        return new DomainException(ErrorCode.NOT_FOUND, "No shipment " + id);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
