package inventory.internal.domain;

import inventory.Backordering;
import inventory.LocationLevel;
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

    /** One line of an adjustment batch, at its index in the request; a null location is 'default'. */
    public record Adjustment(int index, String sku, long delta, String reason, String location) {
        public Adjustment(int index, String sku, long delta, String reason) {
            this(index, sku, delta, reason, null);
        }

        String at() {
            return location == null ? LocationLedger.DEFAULT : location;
        }
    }

    /** Sets a SKU's total on-hand by changing the 'default' location's on-hand by the difference (ADR 0052). */
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
        LocationLedger ledger = ledger(List.of(sku), List.of(), List.of(LocationLedger.DEFAULT));
        StockRepository.Place home = ledger.place(sku, LocationLedger.DEFAULT);
        long delta = onHand - current.onHand();
        if (home.onHand() + delta < home.reserved() + home.held()) {
            throw InventoryErrors.belowReserved(List.of(FieldError.of(
                    "/onHand",
                    "stock_below_reserved",
                    "the other locations hold " + (current.onHand() - home.onHand()) + " units, so the 'default'"
                            + " location would fall to " + (home.onHand() + delta) + ", below its "
                            + (home.reserved() + home.held())
                            + " units reserved or held; set stock per location instead")));
        }
        ledger.move(null, sku, LocationLedger.DEFAULT, delta, 0, 0);
        StockLevel level = changed(ledger, Map.of(), "set", actor).get(0);
        audit.record("stock.set", sku, Map.of("onHand", onHand, "previousOnHand", current.onHand()), actor, null);
        return allocateWaiting(List.of(sku), actor).stream().findFirst().orElse(level);
    }

    /** A SKU's stock at one location; a location never stocked answers zeros at version 0. */
    @Transactional
    public LocationLevel locationLevel(String sku, String location) {
        if (stock.find(sku).isEmpty()) {
            throw InventoryErrors.productNotFound(sku);
        }
        LocationLedger ledger = ledger(List.of(sku), List.of(), List.of(location));
        if (ledger.location(location) == null) {
            throw InventoryErrors.locationNotFound(location);
        }
        StockRepository.Place p = ledger.place(sku, location);
        return LocationLevel.of(location, p.onHand(), p.reserved(), p.held(), p.version());
    }

    /** Every location that has (or had) units of a SKU, in allocation order. */
    @Transactional
    public List<LocationLevel> locationLevels(String sku) {
        if (stock.find(sku).isEmpty()) {
            throw InventoryErrors.productNotFound(sku);
        }
        return ledger(List.of(sku), List.of(), List.of()).levels(sku);
    }

    /** Sets a SKU's on-hand at one location (If-Match against that row's version); the total follows. */
    @Transactional
    public LocationLevel setOnHandAt(
            String sku, String location, OptionalLong expectedVersion, long onHand, String actor) {
        StockRepository.Locked current = stock.lockInOrder(List.of(sku)).get(sku);
        if (current == null) {
            throw InventoryErrors.productNotFound(sku);
        }
        LocationLedger ledger = ledger(List.of(sku), List.of(), List.of(location));
        if (ledger.location(location) == null) {
            throw InventoryErrors.locationNotFound(location);
        }
        StockRepository.Place p = ledger.place(sku, location);
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() != p.version()) {
            throw Preconditions.stale(p.version());
        }
        if (onHand < p.reserved() + p.held()) {
            throw InventoryErrors.belowReserved(List.of(FieldError.of(
                    "/onHand",
                    "stock_below_reserved",
                    onHand + " is below the " + (p.reserved() + p.held()) + " units reserved or held at " + location)));
        }
        ledger.move(null, sku, location, onHand - p.onHand(), 0, 0);
        changed(ledger, Map.of(), "set", actor);
        audit.record(
                "stock.set",
                sku,
                Map.of("onHand", onHand, "previousOnHand", p.onHand(), "location", location),
                actor,
                null);
        allocateWaiting(List.of(sku), actor);
        StockRepository.Place now = ledger(List.of(sku), List.of(), List.of()).place(sku, location);
        return LocationLevel.of(location, now.onHand(), now.reserved(), now.held(), now.version());
    }

    /** Applies every adjustment or none; several lines for one SKU (and location) add up. */
    @Transactional
    public List<StockLevel> adjust(List<Adjustment> adjustments, String actor) {
        Map<String, List<Adjustment>> bySku = new TreeMap<>();
        adjustments.forEach(
                a -> bySku.computeIfAbsent(a.sku(), k -> new ArrayList<>()).add(a));
        Map<String, StockRepository.Locked> locked = stock.lockInOrder(bySku.keySet());
        List<FieldError> unknown = new ArrayList<>();
        List<FieldError> below = new ArrayList<>();
        List<String> known = bySku.keySet().stream().filter(locked::containsKey).toList();
        java.util.Set<String> named = new java.util.TreeSet<>();
        adjustments.forEach(a -> named.add(a.at()));
        LocationLedger ledger = ledger(known, List.of(), named);
        Map<String, String> reasons = new TreeMap<>();
        bySku.forEach((sku, lines) -> {
            StockRepository.Locked row = locked.get(sku);
            if (row == null) {
                lines.forEach(l -> unknown.add(FieldError.of(
                        "/adjustments/" + l.index() + "/sku", "unknown_sku", "no product with SKU " + sku)));
                return;
            }
            Map<String, List<Adjustment>> byLocation = new TreeMap<>();
            lines.forEach(l ->
                    byLocation.computeIfAbsent(l.at(), k -> new ArrayList<>()).add(l));
            byLocation.forEach((location, at) -> {
                if (ledger.location(location) == null) {
                    at.forEach(l -> unknown.add(FieldError.of(
                            "/adjustments/" + l.index() + "/location", "unknown_location", "no location " + location)));
                    return;
                }
                StockRepository.Place p = ledger.place(sku, location);
                long delta = at.stream().mapToLong(Adjustment::delta).sum();
                if (p.onHand() + delta < p.reserved() + p.held()) {
                    at.forEach(l -> below.add(FieldError.of(
                            "/adjustments/" + l.index() + "/delta",
                            "stock_below_reserved",
                            "on hand " + p.onHand() + " + " + delta
                                    + (location.equals(LocationLedger.DEFAULT) && row.onHand() == p.onHand()
                                            ? ""
                                            : " at location " + location)
                                    + " would fall below the " + (p.reserved() + p.held())
                                    + " reserved or held by quotes")));
                    return;
                }
                ledger.move(null, sku, location, delta, 0, 0);
            });
            reasons.put(
                    sku,
                    lines.stream().map(Adjustment::reason).distinct().count() == 1
                            ? lines.get(0).reason()
                            : "mixed");
        });
        if (!unknown.isEmpty()) {
            throw unknown.stream().allMatch(e -> e.code().equals("unknown_location"))
                    ? InventoryErrors.unknownLocations(sorted(unknown))
                    : InventoryErrors.unknownSkus(sorted(unknown.stream()
                            .filter(e -> e.code().equals("unknown_sku"))
                            .toList()));
        }
        if (!below.isEmpty()) {
            throw InventoryErrors.belowReserved(sorted(below));
        }
        List<StockRepository.Delta> deltas = ledger.deltas(reasons);
        List<StockLevel> adjusted = changed(ledger, reasons, "adjust", actor);
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
        return takeAllOrNothing(null, null, lines, false, actor);
    }

    /**
     * Reserves every line or none for an owner (an order), at the named location or where the allocator
     * chooses (ADR 0052), and records where; returns every shortage when any line is short.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Reservation reserveAllOrNothing(UUID owner, String location, List<StockRequest> lines, String actor) {
        return takeAllOrNothing(owner, location, lines, false, actor);
    }

    /** Holds every line or none for a quote (held units leave availability); returns every shortage. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Reservation holdAllOrNothing(List<StockRequest> lines, String actor) {
        return takeAllOrNothing(null, null, lines, true, actor);
    }

    /** Holds every line or none for an owner (a quote), where the allocator chooses or at the named location. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Reservation holdAllOrNothing(UUID owner, String location, List<StockRequest> lines, String actor) {
        return takeAllOrNothing(owner, location, lines, true, actor);
    }

    private Reservation takeAllOrNothing(
            UUID owner, String location, List<StockRequest> lines, boolean hold, String actor) {
        Map<String, Long> wanted = aggregate(lines);
        Map<String, StockRepository.Locked> locked = stock.lockInOrder(wanted.keySet());
        List<String> unknown =
                wanted.keySet().stream().filter(sku -> !locked.containsKey(sku)).toList();
        Map<String, Long> known = new TreeMap<>(wanted);
        unknown.forEach(known::remove);
        LocationLedger ledger = ledger(known.keySet(), List.of(), location == null ? List.of() : List.of(location));
        List<Shortage> shortages = new ArrayList<>();
        Map<String, List<Take>> takes = choose(ledger, known, location, false, shortages);
        if (!shortages.isEmpty() || !unknown.isEmpty()) {
            if (!shortages.isEmpty()) {
                conflicts.increment();
            }
            return Reservation.refused(shortages, unknown);
        }
        takes.forEach((sku, at) -> at.forEach(
                t -> ledger.move(owner, sku, t.location(), 0, hold ? 0 : t.quantity(), hold ? t.quantity() : 0)));
        changed(ledger, Map.of(), hold ? "hold" : "reserve", actor);
        return Reservation.done();
    }

    /** Units of a SKU to take at one location. */
    record Take(String location, long quantity) {}

    /**
     * The allocation rule (ADR 0052). At a named location: every line from it (short where it has too little).
     * Otherwise: the first active location, by rank then code, that can serve every line in full; if none can,
     * each SKU on its own, from the active locations in rank-then-code order, each giving what it has until the
     * line is served. {@code partial}: take what there is and report no shortage (backorders).
     */
    private Map<String, List<Take>> choose(
            LocationLedger ledger,
            Map<String, Long> wanted,
            String location,
            boolean partial,
            List<Shortage> shortages) {
        Map<String, List<Take>> takes = new TreeMap<>();
        if (location != null) {
            StockRepository.LocationInfo info = ledger.location(location);
            if (info == null || !info.active()) {
                throw InventoryErrors.unknownLocation("/location", location);
            }
            wanted.forEach((sku, quantity) -> {
                long available = Math.max(0, ledger.place(sku, location).available());
                if (available < quantity && !partial) {
                    shortages.add(new Shortage(sku, quantity, available));
                } else if (Math.min(available, quantity) > 0) {
                    takes.put(sku, List.of(new Take(location, Math.min(available, quantity))));
                }
            });
            return takes;
        }
        if (wanted.isEmpty()) {
            return takes;
        }
        String first = wanted.keySet().iterator().next();
        for (StockRepository.Place candidate : ledger.placesOf(first, true)) {
            boolean servesAll = wanted.entrySet().stream()
                    .allMatch(
                            e -> ledger.place(e.getKey(), candidate.location()).available() >= e.getValue());
            if (servesAll) {
                wanted.forEach((sku, quantity) -> takes.put(sku, List.of(new Take(candidate.location(), quantity))));
                return takes;
            }
        }
        wanted.forEach((sku, quantity) -> {
            List<StockRepository.Place> active = ledger.placesOf(sku, true);
            long available =
                    active.stream().mapToLong(p -> Math.max(0, p.available())).sum();
            if (available < quantity && !partial) {
                shortages.add(new Shortage(sku, quantity, available));
                return;
            }
            long rest = quantity;
            List<Take> at = new ArrayList<>();
            for (StockRepository.Place p : active) {
                long take = Math.min(rest, Math.max(0, p.available()));
                if (take > 0) {
                    at.add(new Take(p.location(), take));
                    rest -= take;
                }
                if (rest == 0) {
                    break;
                }
            }
            if (!at.isEmpty()) {
                takes.put(sku, at);
            }
        });
        return takes;
    }

    /** Gives held units back to availability (a quote was cancelled or expired). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void releaseHold(List<StockRequest> lines, String actor) {
        releaseHolds(Map.of(NO_OWNER, lines), actor);
    }

    /** Gives the held units of these owners (quotes) back, where each holds them, in one locked pass. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void releaseHolds(Map<UUID, List<StockRequest>> byOwner, String actor) {
        java.util.Set<String> skus = new java.util.TreeSet<>();
        byOwner.values().forEach(lines -> lines.forEach(l -> skus.add(l.sku())));
        stock.lockInOrder(skus);
        LocationLedger ledger = ledger(skus, owners(byOwner.keySet()), List.of());
        byOwner.forEach((owner, lines) -> aggregate(lines).forEach((sku, quantity) -> {
            UUID who = owner.equals(NO_OWNER) ? null : owner;
            long missing = ledger.takeOwned(who, sku, quantity, true, (o, at, q) -> ledger.move(o, sku, at, 0, 0, -q));
            if (missing > 0) {
                throw new IllegalStateException("cannot unhold " + quantity + " of " + sku + ": not held");
            }
        }));
        changed(ledger, Map.of(), "unhold", actor);
        allocateWaiting(skus, actor);
    }

    /** Turns held units into reserved ones (a quote became an order); availability does not change. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void convertHold(List<StockRequest> lines, String actor) {
        convertHold(null, null, lines, actor);
    }

    /** Turns a quote's held units into an order's reservation, at the locations where they are held. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void convertHold(UUID quote, UUID order, List<StockRequest> lines, String actor) {
        Map<String, Long> wanted = aggregate(lines);
        stock.lockInOrder(wanted.keySet());
        LocationLedger ledger = ledger(wanted.keySet(), owners(java.util.Arrays.asList(quote)), List.of());
        wanted.forEach((sku, quantity) -> {
            long missing = ledger.takeOwned(quote, sku, quantity, true, (o, at, q) -> {
                ledger.move(o, sku, at, 0, 0, -q);
                ledger.move(order, sku, at, 0, q, 0);
            });
            if (missing > 0) {
                throw new IllegalStateException("cannot convert " + quantity + " of " + sku + ": not held");
            }
        });
        changed(ledger, Map.of(), "convert", actor);
    }

    /** Gives reserved units back to availability (an order was cancelled). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(List<StockRequest> lines, String actor) {
        release(null, lines, actor);
    }

    /** Gives an owner's reserved units back where they are reserved. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(UUID owner, List<StockRequest> lines, String actor) {
        Map<String, Long> wanted = aggregate(lines);
        stock.lockInOrder(wanted.keySet());
        LocationLedger ledger = ledger(wanted.keySet(), owners(java.util.Arrays.asList(owner)), List.of());
        giveBack(ledger, owner, wanted, "release");
        changed(ledger, Map.of(), "release", actor);
        allocateWaiting(wanted.keySet(), actor);
    }

    private static void giveBack(LocationLedger ledger, UUID owner, Map<String, Long> wanted, String kind) {
        wanted.forEach((sku, quantity) -> {
            long missing = ledger.takeOwned(owner, sku, quantity, false, (o, at, q) -> {
                if (kind.equals("consume")) {
                    ledger.move(o, sku, at, -q, -q, 0);
                } else {
                    ledger.move(o, sku, at, 0, -q, 0);
                }
            });
            if (missing > 0) {
                throw new IllegalStateException("cannot " + kind + " " + quantity + " of " + sku + ": not reserved");
            }
        });
    }

    /**
     * Reserves what is available of every line and queues the rest as backorders of this order (first come
     * first served per SKU); nothing happens when a SKU is unknown.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Backordering reserveOrBackorder(UUID orderId, UUID clientId, List<StockRequest> lines, String actor) {
        return reserveOrBackorder(orderId, clientId, null, lines, actor);
    }

    /** As above, taking only from the named location when one is named (the queue is served from any). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Backordering reserveOrBackorder(
            UUID orderId, UUID clientId, String location, List<StockRequest> lines, String actor) {
        Map<String, Long> wanted = aggregate(lines);
        Map<String, StockRepository.Locked> locked = stock.lockInOrder(wanted.keySet());
        List<String> unknown =
                wanted.keySet().stream().filter(sku -> !locked.containsKey(sku)).toList();
        if (!unknown.isEmpty()) {
            return Backordering.refused(unknown);
        }
        LocationLedger ledger = ledger(wanted.keySet(), List.of(), location == null ? List.of() : List.of(location));
        Map<String, List<Take>> takes = choose(ledger, wanted, location, true, new ArrayList<>());
        Map<String, Long> waiting = new TreeMap<>();
        wanted.forEach((sku, quantity) -> {
            long taken = 0;
            for (Take t : takes.getOrDefault(sku, List.of())) {
                ledger.move(orderId, sku, t.location(), 0, t.quantity(), 0);
                taken += t.quantity();
            }
            if (taken < quantity) {
                waiting.put(sku, quantity - taken);
            }
        });
        changed(ledger, Map.of(), "reserve", actor);
        if (!waiting.isEmpty()) {
            backorders.queue(orderId, clientId, waiting);
        }
        return Backordering.placed(waiting);
    }

    /**
     * Releases an order's stock (it was cancelled): its waiting units leave the queue, its reserved units
     * ({@code lines} less what was still waiting) go back where they are reserved, and go first to other
     * orders waiting for them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void releaseOrder(UUID orderId, List<StockRequest> lines, String actor) {
        Map<String, Long> wanted = aggregate(lines);
        Map<String, StockRepository.Locked> locked = stock.lockInOrder(wanted.keySet());
        Map<String, Long> waiting = backorders.remove(orderId);
        Map<String, Long> reservedNow = new TreeMap<>();
        wanted.forEach((sku, quantity) -> {
            long reserved = quantity - waiting.getOrDefault(sku, 0L);
            StockRepository.Locked row = locked.get(sku);
            if (row == null || reserved < 0 || row.reserved() < reserved) {
                throw new IllegalStateException("cannot release " + reserved + " of " + sku + ": not reserved");
            }
            if (reserved > 0) {
                reservedNow.put(sku, reserved);
            }
        });
        LocationLedger ledger = ledger(wanted.keySet(), List.of(orderId), List.of());
        giveBack(ledger, orderId, reservedNow, "release");
        changed(ledger, Map.of(), "release", actor);
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
        outbox.append(result.levels().stream()
                .map(l -> StockChanged.of(l, result.locations().getOrDefault(l.sku(), List.of())))
                .toList());
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
        consume(null, lines, actor);
    }

    /** Ships an owner's reserved units from the locations where they are reserved. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void consume(UUID owner, List<StockRequest> lines, String actor) {
        Map<String, Long> wanted = aggregate(lines);
        stock.lockInOrder(wanted.keySet());
        LocationLedger ledger = ledger(wanted.keySet(), owners(java.util.Arrays.asList(owner)), List.of());
        giveBack(ledger, owner, wanted, "consume");
        changed(ledger, Map.of(), "consume", actor);
    }

    /** The places of these SKUs (locked by the caller), of these owners' rows and the named locations. */
    private LocationLedger ledger(
            java.util.Collection<String> skus, java.util.Collection<UUID> owners, java.util.Collection<String> named) {
        return new LocationLedger(stock.places(skus, owners, named));
    }

    private static final UUID NO_OWNER = new UUID(0, 0);

    private static List<UUID> owners(java.util.Collection<UUID> owners) {
        return owners.stream().filter(o -> o != null && !o.equals(NO_OWNER)).toList();
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

    /**
     * The stock levels with their per-location levels, as a change of each would carry them: a stream's
     * snapshot for a subscriber that asked for locations. The locations are read after the totals, so they
     * are never older than them; a change committed in between reaches the subscriber as its own, newer
     * message.
     */
    @Transactional
    public List<StockChanged> withLocations(List<StockLevel> levels) {
        if (levels.isEmpty()) {
            return List.of();
        }
        LocationLedger ledger = ledger(levels.stream().map(StockLevel::sku).toList(), List.of(), List.of());
        return levels.stream()
                .map(l -> StockChanged.of(l, ledger.levels(l.sku())))
                .toList();
    }

    /** Applies the ledger's moves (totals and locations in one statement) and writes one event per SKU. */
    private List<StockLevel> changed(LocationLedger ledger, Map<String, String> reasons, String kind, String actor) {
        if (!ledger.moved()) {
            return List.of();
        }
        List<StockLevel> levels = stock.apply(ledger.deltas(reasons), ledger.writes(), kind, actor);
        outbox.append(levels.stream()
                .map(l -> StockChanged.of(l, ledger.levels(l.sku())))
                .toList());
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
