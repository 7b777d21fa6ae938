package inventory.internal.domain;

import inventory.Backordering;
import inventory.Reservation;
import inventory.Shortage;
import inventory.StockLevel;
import inventory.StockRequest;
import inventory.events.BackordersAllocated;
import inventory.events.StockChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import platform.audit.AuditWriter;
import platform.error.FieldError;
import platform.error.Preconditions;
import platform.outbox.OutboxWriter;
import platform.page.Cursor;
import platform.page.Page;
import platform.page.PageRequest;

/**
 * Every way stock changes: set, adjust, reserve, release, consume. Each locks its rows in SKU order,
 * decides on the locked values, applies one set-based update and writes one
 * {@code inventory.stock_changed} event per SKU to the outbox, all in the caller's transaction.
 */
@ApplicationScoped
public class StockService {

    private final StockRepository stock;
    private final BackorderRepository backorders;
    private final Event<BackordersAllocated> allocated;
    private final OutboxWriter outbox;
    private final AuditWriter audit;
    private final Counter conflicts;

    StockService(
            StockRepository stock,
            BackorderRepository backorders,
            Event<BackordersAllocated> allocated,
            OutboxWriter outbox,
            AuditWriter audit,
            MeterRegistry registry) {
        this.backorders = backorders;
        this.allocated = allocated;
        this.audit = audit;
        this.stock = stock;
        this.outbox = outbox;
        this.conflicts = Counter.builder("quartermaster.reservation.conflicts")
                .description("reservations refused for short stock")
                .register(registry);
    }

    /** One line of an adjustment batch, at its index in the request. */
    public record Adjustment(int index, String sku, long delta, String reason) {}

    @Transactional
    public StockLevel setOnHand(String sku, OptionalLong expectedVersion, long onHand, String actor) {
        StockRepository.Locked current = stock.lockInOrder(List.of(sku)).get(sku);
        if (current == null) {
            throw InventoryErrors.productNotFound(sku);
        }
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() != current.version()) {
            throw Preconditions.stale(current.version());
        }
        if (onHand < current.reserved() + current.held()) {
            throw InventoryErrors.belowReserved(List.of(FieldError.of(
                    "/onHand",
                    "stock_below_reserved",
                    onHand + " is below the " + (current.reserved() + current.held())
                            + " units reserved or held by quotes")));
        }
        StockLevel level = changed(
                        List.of(new StockRepository.Delta(sku, onHand - current.onHand(), 0, null)), "set", actor)
                .get(0);
        audit.record("stock.set", sku, Map.of("onHand", onHand, "previousOnHand", current.onHand()), actor, null);
        return allocateWaiting(List.of(sku), actor).stream().findFirst().orElse(level);
    }

    /** Applies every adjustment or none; several lines for one SKU add up. */
    @Transactional
    public List<StockLevel> adjust(List<Adjustment> adjustments, String actor) {
        Map<String, List<Adjustment>> bySku = new TreeMap<>();
        adjustments.forEach(
                a -> bySku.computeIfAbsent(a.sku(), k -> new ArrayList<>()).add(a));
        Map<String, StockRepository.Locked> locked = stock.lockInOrder(bySku.keySet());
        List<FieldError> unknown = new ArrayList<>();
        List<FieldError> below = new ArrayList<>();
        List<StockRepository.Delta> deltas = new ArrayList<>(bySku.size());
        bySku.forEach((sku, lines) -> {
            StockRepository.Locked row = locked.get(sku);
            if (row == null) {
                lines.forEach(l -> unknown.add(FieldError.of(
                        "/adjustments/" + l.index() + "/sku", "unknown_sku", "no product with SKU " + sku)));
                return;
            }
            long delta = lines.stream().mapToLong(Adjustment::delta).sum();
            if (row.onHand() + delta < row.reserved() + row.held()) {
                lines.forEach(l -> below.add(FieldError.of(
                        "/adjustments/" + l.index() + "/delta",
                        "stock_below_reserved",
                        "on hand " + row.onHand() + " + " + delta + " would fall below the "
                                + (row.reserved() + row.held()) + " reserved or held by quotes")));
                return;
            }
            String reason = lines.stream().map(Adjustment::reason).distinct().count() == 1
                    ? lines.get(0).reason()
                    : "mixed";
            deltas.add(new StockRepository.Delta(sku, delta, 0, reason));
        });
        if (!unknown.isEmpty()) {
            throw InventoryErrors.unknownSkus(sorted(unknown));
        }
        if (!below.isEmpty()) {
            throw InventoryErrors.belowReserved(sorted(below));
        }
        List<StockLevel> adjusted = changed(deltas, "adjust", actor);
        List<StockLevel> levels = merged(adjusted, allocateWaiting(bySku.keySet(), actor));
        audit.record(
                "stock.adjusted",
                deltas.size() == 1 ? deltas.get(0).sku() : deltas.size() + " SKUs",
                Map.of(
                        "lines",
                        adjustments.size(),
                        "skus",
                        deltas.stream()
                                .limit(50)
                                .map(d -> d.sku() + ":" + d.onHand())
                                .toList()),
                actor,
                null);
        return levels;
    }

    /** Reserves every line or none; returns every shortage when any line is short. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Reservation reserveAllOrNothing(List<StockRequest> lines, String actor) {
        Map<String, Long> wanted = aggregate(lines);
        Map<String, StockRepository.Locked> locked = stock.lockInOrder(wanted.keySet());
        List<Shortage> shortages = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        wanted.forEach((sku, quantity) -> {
            StockRepository.Locked row = locked.get(sku);
            if (row == null) {
                unknown.add(sku);
            } else if (row.available() < quantity) {
                shortages.add(new Shortage(sku, quantity, row.available()));
            }
        });
        if (!shortages.isEmpty() || !unknown.isEmpty()) {
            if (!shortages.isEmpty()) {
                conflicts.increment();
            }
            return Reservation.refused(shortages, unknown);
        }
        changed(
                wanted.entrySet().stream()
                        .map(e -> new StockRepository.Delta(e.getKey(), 0, e.getValue(), null))
                        .toList(),
                "reserve",
                actor);
        return Reservation.done();
    }

    /** Holds every line or none for a quote (held units leave availability); returns every shortage. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Reservation holdAllOrNothing(List<StockRequest> lines, String actor) {
        Map<String, Long> wanted = aggregate(lines);
        Map<String, StockRepository.Locked> locked = stock.lockInOrder(wanted.keySet());
        List<Shortage> shortages = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        wanted.forEach((sku, quantity) -> {
            StockRepository.Locked row = locked.get(sku);
            if (row == null) {
                unknown.add(sku);
            } else if (row.available() < quantity) {
                shortages.add(new Shortage(sku, quantity, row.available()));
            }
        });
        if (!shortages.isEmpty() || !unknown.isEmpty()) {
            if (!shortages.isEmpty()) {
                conflicts.increment();
            }
            return Reservation.refused(shortages, unknown);
        }
        changed(
                wanted.entrySet().stream()
                        .map(e -> new StockRepository.Delta(e.getKey(), 0, 0, null, e.getValue()))
                        .toList(),
                "hold",
                actor);
        return Reservation.done();
    }

    /** Gives held units back to availability (a quote was cancelled or expired). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void releaseHold(List<StockRequest> lines, String actor) {
        moveHeld(lines, 0, "unhold", actor);
        allocateWaiting(aggregate(lines).keySet(), actor);
    }

    /** Turns held units into reserved ones (a quote became an order); availability does not change. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void convertHold(List<StockRequest> lines, String actor) {
        moveHeld(lines, 1, "convert", actor);
    }

    private void moveHeld(List<StockRequest> lines, int toReserved, String kind, String actor) {
        Map<String, Long> wanted = aggregate(lines);
        Map<String, StockRepository.Locked> locked = stock.lockInOrder(wanted.keySet());
        wanted.forEach((sku, quantity) -> {
            StockRepository.Locked row = locked.get(sku);
            if (row == null || row.held() < quantity) {
                throw new IllegalStateException("cannot " + kind + " " + quantity + " of " + sku + ": not held");
            }
        });
        changed(
                wanted.entrySet().stream()
                        .map(e -> new StockRepository.Delta(
                                e.getKey(), 0, toReserved * e.getValue(), null, -e.getValue()))
                        .toList(),
                kind,
                actor);
    }

    /** Gives reserved units back to availability (an order was cancelled). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(List<StockRequest> lines, String actor) {
        Map<String, Long> wanted = aggregate(lines);
        Map<String, StockRepository.Locked> locked = stock.lockInOrder(wanted.keySet());
        wanted.forEach((sku, quantity) -> {
            StockRepository.Locked row = locked.get(sku);
            if (row == null || row.reserved() < quantity) {
                throw new IllegalStateException("cannot release " + quantity + " of " + sku + ": not reserved");
            }
        });
        changed(
                wanted.entrySet().stream()
                        .map(e -> new StockRepository.Delta(e.getKey(), 0, -e.getValue(), null))
                        .toList(),
                "release",
                actor);
        allocateWaiting(wanted.keySet(), actor);
    }

    /**
     * Reserves what is available of every line and queues the rest as backorders of this order (first come
     * first served per SKU); nothing happens when a SKU is unknown.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Backordering reserveOrBackorder(UUID orderId, UUID clientId, List<StockRequest> lines, String actor) {
        Map<String, Long> wanted = aggregate(lines);
        Map<String, StockRepository.Locked> locked = stock.lockInOrder(wanted.keySet());
        List<String> unknown =
                wanted.keySet().stream().filter(sku -> !locked.containsKey(sku)).toList();
        if (!unknown.isEmpty()) {
            return Backordering.refused(unknown);
        }
        List<StockRepository.Delta> reserve = new ArrayList<>(wanted.size());
        Map<String, Long> waiting = new TreeMap<>();
        wanted.forEach((sku, quantity) -> {
            long take = Math.max(0, Math.min(quantity, locked.get(sku).available()));
            if (take > 0) {
                reserve.add(new StockRepository.Delta(sku, 0, take, null));
            }
            if (take < quantity) {
                waiting.put(sku, quantity - take);
            }
        });
        changed(reserve, "reserve", actor);
        if (!waiting.isEmpty()) {
            backorders.queue(orderId, clientId, waiting);
        }
        return Backordering.placed(waiting);
    }

    /**
     * Releases an order's stock (it was cancelled): its waiting units leave the queue, its reserved units
     * ({@code lines} less what was still waiting) go back, and go first to other orders waiting for them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void releaseOrder(UUID orderId, List<StockRequest> lines, String actor) {
        Map<String, Long> wanted = aggregate(lines);
        Map<String, StockRepository.Locked> locked = stock.lockInOrder(wanted.keySet());
        Map<String, Long> waiting = backorders.remove(orderId);
        List<StockRepository.Delta> deltas = new ArrayList<>(wanted.size());
        wanted.forEach((sku, quantity) -> {
            long reserved = quantity - waiting.getOrDefault(sku, 0L);
            StockRepository.Locked row = locked.get(sku);
            if (row == null || reserved < 0 || row.reserved() < reserved) {
                throw new IllegalStateException("cannot release " + reserved + " of " + sku + ": not reserved");
            }
            if (reserved > 0) {
                deltas.add(new StockRepository.Delta(sku, 0, -reserved, null));
            }
        });
        changed(deltas, "release", actor);
        allocateWaiting(wanted.keySet(), actor);
    }

    /**
     * Gives the available units of these SKUs (rows locked by the caller) to waiting backorders in one
     * statement, writes their stock events and tells the orders' owner in this transaction.
     */
    private List<StockLevel> allocateWaiting(java.util.Collection<String> skus, String actor) {
        BackorderRepository.Allocated result = backorders.allocate(skus, actor);
        if (result.levels().isEmpty()) {
            return List.of();
        }
        outbox.append(result.levels().stream().map(StockChanged::of).toList());
        allocated.fire(new BackordersAllocated(result.lines()));
        return result.levels();
    }

    /** The later level of each SKU wins. */
    private static List<StockLevel> merged(List<StockLevel> first, List<StockLevel> later) {
        if (later.isEmpty()) {
            return first;
        }
        Map<String, StockLevel> bySku = new java.util.LinkedHashMap<>();
        first.forEach(l -> bySku.put(l.sku(), l));
        later.forEach(l -> bySku.put(l.sku(), l));
        return List.copyOf(bySku.values());
    }

    /** Ships reserved units: they leave on-hand and reserved together. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void consume(List<StockRequest> lines, String actor) {
        Map<String, Long> wanted = aggregate(lines);
        Map<String, StockRepository.Locked> locked = stock.lockInOrder(wanted.keySet());
        wanted.forEach((sku, quantity) -> {
            StockRepository.Locked row = locked.get(sku);
            if (row == null || row.reserved() < quantity) {
                throw new IllegalStateException("cannot consume " + quantity + " of " + sku + ": not reserved");
            }
        });
        changed(
                wanted.entrySet().stream()
                        .map(e -> new StockRepository.Delta(e.getKey(), -e.getValue(), -e.getValue(), null))
                        .toList(),
                "consume",
                actor);
    }

    @Transactional
    public StockLevel level(String sku) {
        return stock.find(sku).orElseThrow(() -> InventoryErrors.productNotFound(sku));
    }

    @Transactional
    public Page<StockLevel> levels(List<String> skus) {
        return new Page<>(stock.find(skus), null);
    }

    @Transactional
    public Page<StockLevel> levels(PageRequest page) {
        List<StockRepository.PagedLevel> rows = page.after() == null
                ? stock.page(null, null, page.limit())
                : stock.page(page.after().createdAt(), page.after().id(), page.limit());
        return Page.of(
                rows, page.limit(), r -> new Cursor(r.createdAt(), r.productId()), StockRepository.PagedLevel::level);
    }

    private List<StockLevel> changed(List<StockRepository.Delta> deltas, String kind, String actor) {
        if (deltas.isEmpty()) {
            return List.of();
        }
        List<StockLevel> levels = stock.apply(deltas, kind, actor);
        outbox.append(levels.stream().map(StockChanged::of).toList());
        return levels;
    }

    private static Map<String, Long> aggregate(List<StockRequest> lines) {
        Map<String, Long> wanted = new TreeMap<>();
        lines.forEach(l -> wanted.merge(l.sku(), l.quantity(), Long::sum));
        return wanted;
    }

    private static List<FieldError> sorted(List<FieldError> errors) {
        return errors.stream()
                .sorted((a, b) -> comparePointers(a.pointer(), b.pointer()))
                .toList();
    }

    private static int comparePointers(String a, String b) {
        return Integer.compare(index(a), index(b));
    }

    private static int index(String pointer) {
        String[] parts = pointer.split("/");
        return parts.length > 2 ? Integer.parseInt(parts[2]) : 0;
    }
}
