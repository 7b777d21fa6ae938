package inventory.internal.domain;

import inventory.LocationLevel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The units of some locked SKUs per location and per owner, as read after the locks, and every move made on
 * them in one operation (ADR 0052). The per-SKU deltas it hands to {@link StockRepository#apply} are the sums
 * of its per-location moves, so totals and locations cannot drift apart; the writes are the new absolute
 * values of what moved.
 */
final class LocationLedger {

    static final String DEFAULT = "default";

    /** Allocation order: rank, then code. */
    static final Comparator<StockRepository.Place> ORDER =
            Comparator.comparingInt(StockRepository.Place::rank).thenComparing(StockRepository.Place::location);

    private final Map<String, Map<String, StockRepository.Place>> places = new TreeMap<>();
    private final Map<String, StockRepository.Owned> owned = new LinkedHashMap<>();
    /** The owner rows by owner and SKU, so a 10,000-line release looks each line up, never scans. */
    private final Map<String, Map<String, StockRepository.Owned>> ownedByLine = new java.util.HashMap<>();

    private final Map<String, StockRepository.LocationInfo> named;
    private final Map<String, StockRepository.Place> movedPlaces = new LinkedHashMap<>();
    private final Map<String, StockRepository.Owned> movedOwned = new LinkedHashMap<>();
    /** The keys of the owner rows that were read, i.e. that exist in the database. */
    private final java.util.Set<String> stored = new java.util.HashSet<>();

    private final Map<String, long[]> totals = new TreeMap<>();

    LocationLedger(StockRepository.Places read) {
        read.places()
                .forEach(p -> places.computeIfAbsent(p.sku(), k -> new LinkedHashMap<>())
                        .put(p.location(), p));
        read.owned().forEach(o -> {
            own(o);
            stored.add(key(o.owner(), o.sku(), o.location()));
        });
        this.named = read.named();
    }

    /** The named location, if it exists (active or not). */
    StockRepository.LocationInfo location(String code) {
        return named.get(code);
    }

    /** The places of a SKU in allocation order (only active ones when {@code activeOnly}). */
    List<StockRepository.Place> placesOf(String sku, boolean activeOnly) {
        return places.getOrDefault(sku, Map.of()).values().stream()
                .filter(p -> !activeOnly || p.active())
                .sorted(ORDER)
                .toList();
    }

    StockRepository.Place place(String sku, String location) {
        StockRepository.Place p = places.getOrDefault(sku, Map.of()).get(location);
        if (p != null) {
            return p;
        }
        StockRepository.LocationInfo info = named.get(location);
        return new StockRepository.Place(
                sku, location, 0, 0, 0, 0, info == null ? 0 : info.rank(), info == null || info.active());
    }

    private void own(StockRepository.Owned o) {
        owned.put(key(o.owner(), o.sku(), o.location()), o);
        ownedByLine
                .computeIfAbsent(o.owner() + "\u0000" + o.sku(), k -> new LinkedHashMap<>())
                .put(o.location(), o);
    }

    /** An owner's rows of a SKU in allocation order. */
    List<StockRepository.Owned> ownedBy(UUID owner, String sku) {
        return ownedByLine.getOrDefault(owner + "\u0000" + sku, Map.of()).values().stream()
                .sorted(Comparator.comparingInt(StockRepository.Owned::rank)
                        .thenComparing(StockRepository.Owned::location))
                .toList();
    }

    /**
     * Moves units of a SKU at a location: on-hand, reserved and held change by the deltas; the owner's row (when
     * an owner is named) changes by the reserved and held deltas. The CHECKs of the tables have the last word.
     */
    void move(UUID owner, String sku, String location, long onHand, long reserved, long held) {
        if (onHand == 0 && reserved == 0 && held == 0) {
            return;
        }
        StockRepository.Place p = place(sku, location);
        boolean again = movedPlaces.containsKey(sku + "\u0000" + location);
        StockRepository.Place next = new StockRepository.Place(
                sku,
                location,
                p.onHand() + onHand,
                p.reserved() + reserved,
                p.held() + held,
                again ? p.version() : p.version() + 1,
                p.rank(),
                p.active());
        places.computeIfAbsent(sku, k -> new LinkedHashMap<>()).put(location, next);
        movedPlaces.put(sku + "\u0000" + location, next);
        long[] t = totals.computeIfAbsent(sku, k -> new long[3]);
        t[0] += onHand;
        t[1] += reserved;
        t[2] += held;
        if (owner != null && (reserved != 0 || held != 0)) {
            String key = key(owner, sku, location);
            StockRepository.Owned o = owned.get(key);
            StockRepository.Owned nextOwned = new StockRepository.Owned(
                    owner,
                    sku,
                    location,
                    (o == null ? 0 : o.reserved()) + reserved,
                    (o == null ? 0 : o.held()) + held,
                    p.rank());
            if (nextOwned.reserved() < 0 || nextOwned.held() < 0) {
                throw new IllegalStateException("owner " + owner + " has not that much of " + sku + " at " + location);
            }
            own(nextOwned);
            movedOwned.put(key, nextOwned);
        }
    }

    /**
     * Takes {@code quantity} reserved (or held) units of an owner's SKU back: first from the owner's own rows in
     * allocation order, then from 'default' (units that need no row there, see {@link #writes}, and units reserved
     * before locations existed), then from any location holding such units. Returns how many could not be found.
     */
    long takeOwned(UUID owner, String sku, long quantity, boolean heldUnits, Mover mover) {
        long rest = quantity;
        if (owner != null) {
            for (StockRepository.Owned o : ownedBy(owner, sku)) {
                long have = heldUnits ? o.held() : o.reserved();
                long take = Math.min(rest, have);
                if (take > 0) {
                    mover.move(owner, o.location(), take);
                    rest -= take;
                }
                if (rest == 0) {
                    return 0;
                }
            }
        }
        List<StockRepository.Place> fallback = new ArrayList<>();
        fallback.add(place(sku, DEFAULT));
        placesOf(sku, false).stream().filter(p -> !p.location().equals(DEFAULT)).forEach(fallback::add);
        for (StockRepository.Place candidate : fallback) {
            StockRepository.Place p = place(sku, candidate.location());
            long take = Math.min(rest, heldUnits ? p.held() : p.reserved());
            if (take > 0) {
                mover.move(null, p.location(), take);
                rest -= take;
            }
            if (rest == 0) {
                return 0;
            }
        }
        return rest;
    }

    /** Applies the taking of units found at a location (owner null: units no owner row records). */
    interface Mover {
        void move(UUID owner, String location, long quantity);
    }

    /** The per-SKU deltas: sums of the moves. */
    List<StockRepository.Delta> deltas(Map<String, String> reasons) {
        List<StockRepository.Delta> deltas = new ArrayList<>(totals.size());
        totals.forEach((sku, t) -> deltas.add(new StockRepository.Delta(sku, t[0], t[1], reasons.get(sku), t[2])));
        return deltas;
    }

    /**
     * The new values of what moved. An owner's units of a SKU that sit at {@code default} alone need no row (ADR
     * 0060): {@link #takeOwned} finds them there after the owner's rows, as it finds units reserved before
     * locations existed. So a new owner row is written only when the owner has units of that SKU at another
     * location too (then its {@code default} units get their row as well); a row that exists is always updated,
     * and a row that never existed and ends at zero is not written at all.
     */
    StockRepository.Writes writes() {
        List<StockRepository.Owned> owners = new ArrayList<>(movedOwned.size());
        movedOwned.forEach((key, o) -> {
            if (stored.contains(key) || !(isZero(o) || implicit(o))) {
                owners.add(o);
            }
        });
        return new StockRepository.Writes(List.copyOf(movedPlaces.values()), owners);
    }

    private boolean implicit(StockRepository.Owned o) {
        return o.location().equals(DEFAULT)
                && ownedByLine.getOrDefault(o.owner() + "\u0000" + o.sku(), Map.of()).values().stream()
                        .allMatch(x -> x.location().equals(DEFAULT) || isZero(x));
    }

    private static boolean isZero(StockRepository.Owned o) {
        return o.reserved() == 0 && o.held() == 0;
    }

    /** Every location of a SKU as it is after the moves, in allocation order. */
    List<LocationLevel> levels(String sku) {
        return placesOf(sku, false).stream()
                .map(p -> LocationLevel.of(p.location(), p.onHand(), p.reserved(), p.held(), p.version()))
                .toList();
    }

    boolean moved() {
        return !movedPlaces.isEmpty();
    }

    private static String key(UUID owner, String sku, String location) {
        return Objects.requireNonNull(owner) + "\u0000" + sku + "\u0000" + location;
    }
}
