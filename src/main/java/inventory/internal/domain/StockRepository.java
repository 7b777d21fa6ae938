package inventory.internal.domain;

import inventory.StockLevel;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Set-based SQL on stock levels. Every change first locks the rows it touches in SKU order (so two
 * transactions never wait on each other in a cycle), lets the caller decide on the locked values, then
 * applies all deltas in one {@code UPDATE … FROM unnest(…)}. The CHECK constraints of the table stay
 * the last word: no statement here can commit {@code reserved > on_hand} or a negative value.
 */
@ApplicationScoped
public class StockRepository {

    private static final String LOCK = """
            SELECT sku, on_hand, reserved, version, held FROM inventory.stock_levels
             WHERE sku = ANY(?) ORDER BY sku FOR UPDATE""";

    /** Applies the deltas and logs each movement, in one statement. */
    private static final String APPLY = """
            WITH d AS (
                SELECT * FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::bigint[]) AS d(sku, on_hand_delta, reserved_delta, reason, held_delta)
            ), changed AS (
                UPDATE inventory.stock_levels s
                   SET on_hand = s.on_hand + d.on_hand_delta,
                       reserved = s.reserved + d.reserved_delta,
                       held = s.held + d.held_delta,
                       version = s.version + 1,
                       updated_at = clock_timestamp()
                  FROM d
                 WHERE s.sku = d.sku
                RETURNING s.sku, s.on_hand, s.reserved, s.version, s.updated_at, s.held,
                          d.on_hand_delta, d.reserved_delta, d.reason, d.held_delta
            ), logged AS (
                INSERT INTO inventory.stock_movements (sku, kind, reason, on_hand_delta, reserved_delta, held_delta, version, actor, created_at)
                SELECT sku, ?, reason, on_hand_delta, reserved_delta, held_delta, version, ?, updated_at FROM changed
            )%s
            SELECT sku, on_hand, reserved, version, updated_at, held FROM changed""";

    /**
     * The per-location part of {@link #APPLY} (ADR 0052): the new values of every (SKU, location) row that
     * moved and of every owner's row (absolute values the caller computed under the SKU locks), and the owner
     * rows that reached zero. Rows that exist are updated, the others inserted: an upsert of every row cost
     * twice the update (ADR 0060).
     */
    private static final String APPLY_LOCATIONS = """
            , x AS (
                SELECT * FROM unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[])
                       AS x(sku, location, on_hand, reserved, held)
            ), placed AS (
                UPDATE inventory.location_stock ls
                   SET on_hand = x.on_hand, reserved = x.reserved, held = x.held, version = ls.version + 1,
                       updated_at = clock_timestamp()
                  FROM x
                 WHERE ls.sku = x.sku AND ls.location = x.location
                RETURNING ls.sku, ls.location
            ), added AS (
                INSERT INTO inventory.location_stock AS ls (sku, location, on_hand, reserved, held, version, updated_at)
                SELECT x.sku, x.location, x.on_hand, x.reserved, x.held, 1, clock_timestamp()
                  FROM x
                 WHERE NOT EXISTS (SELECT 1 FROM placed p WHERE p.sku = x.sku AND p.location = x.location)
                ON CONFLICT (sku, location) DO UPDATE
                   SET on_hand = excluded.on_hand, reserved = excluded.reserved, held = excluded.held,
                       version = ls.version + 1, updated_at = excluded.updated_at
            ), owned AS (
                INSERT INTO inventory.location_reservations AS r (owner_id, sku, location, reserved, held)
                SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::bigint[], ?::bigint[])
                ON CONFLICT (owner_id, sku, location) DO UPDATE SET reserved = excluded.reserved, held = excluded.held
            ), unowned AS (
                DELETE FROM inventory.location_reservations r
                 USING unnest(?::uuid[], ?::text[], ?::text[]) AS x(owner_id, sku, location)
                 WHERE r.owner_id = x.owner_id AND r.sku = x.sku AND r.location = x.location
            )""";

    /**
     * Where the units of these SKUs sit: every (SKU, location) row ('p'), the rows of these owners ('o') and the
     * named location ('l'). Read after {@link #LOCK} in its own statement, so it sees every commit made before
     * the locks were granted.
     */
    private static final String PLACES = """
            SELECT 'p' AS what, NULL::uuid AS owner_id, ls.sku, ls.location, ls.on_hand, ls.reserved, ls.held,
                   ls.version, l.rank, l.active
              FROM inventory.location_stock ls JOIN inventory.locations l ON l.code = ls.location
             WHERE ls.sku = ANY(?::text[])
            UNION ALL
            SELECT 'o', r.owner_id, r.sku, r.location, 0, r.reserved, r.held, 0, l.rank, l.active
              FROM inventory.location_reservations r JOIN inventory.locations l ON l.code = r.location
             WHERE r.owner_id = ANY(?::uuid[]) AND r.sku = ANY(?::text[])
            UNION ALL
            SELECT 'l', NULL, NULL, l.code, 0, 0, 0, l.version, l.rank, l.active
              FROM inventory.locations l WHERE l.code = ANY(?::text[])""";

    private static final String SELECT = """
            SELECT sku, on_hand, reserved, version, updated_at, held FROM inventory.stock_levels WHERE sku = ANY(?)""";

    private final AgroalDataSource dataSource;

    StockRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Current values of a locked row. */
    public record Locked(String sku, long onHand, long reserved, long version, long held) {
        public Locked(String sku, long onHand, long reserved, long version) {
            this(sku, onHand, reserved, version, 0);
        }

        public long available() {
            return onHand - reserved - held;
        }
    }

    /** A change of one SKU: what to add to on-hand, to reserved and to held (by quotes), and why. */
    public record Delta(String sku, long onHand, long reserved, String reason, long held) {
        public Delta(String sku, long onHand, long reserved, String reason) {
            this(sku, onHand, reserved, reason, 0);
        }
    }

    /** Locks the rows of these SKUs in SKU order for the rest of the transaction; unknown SKUs are absent. */
    public Map<String, Locked> lockInOrder(Collection<String> skus) {
        Map<String, Locked> locked = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(LOCK)) {
            ps.setArray(1, c.createArrayOf("text", skus.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    locked.put(
                            rs.getString(1),
                            new Locked(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot lock stock levels", e);
        }
        return locked;
    }

    /** A SKU's units at one location (the rank and state of the location beside them). */
    public record Place(
            String sku,
            String location,
            long onHand,
            long reserved,
            long held,
            long version,
            int rank,
            boolean active) {
        public long available() {
            return onHand - reserved - held;
        }
    }

    /** An owner's (order's or quote's) reserved and held units of a SKU at one location. */
    public record Owned(java.util.UUID owner, String sku, String location, long reserved, long held, int rank) {}

    /** A location as the allocator sees it. */
    public record LocationInfo(String code, int rank, boolean active, long version) {}

    /** What {@link #places} read: every place of the SKUs, the owners' rows, the named locations. */
    public record Places(List<Place> places, List<Owned> owned, Map<String, LocationInfo> named) {}

    /** The new values of the places and owner rows that moved (an owner row at 0 and 0 is deleted). */
    public record Writes(Collection<Place> places, Collection<Owned> owned) {
        public static final Writes NONE = new Writes(List.of(), List.of());
    }

    /** Reads where the units of these (locked) SKUs sit; see PLACES. */
    public Places places(Collection<String> skus, Collection<java.util.UUID> owners, Collection<String> locations) {
        List<Place> places = new ArrayList<>();
        List<Owned> owned = new ArrayList<>();
        Map<String, LocationInfo> named = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(PLACES)) {
            java.sql.Array array = c.createArrayOf("text", skus.toArray());
            ps.setArray(1, array);
            ps.setArray(2, c.createArrayOf("uuid", owners.toArray()));
            ps.setArray(3, array);
            ps.setArray(4, c.createArrayOf("text", locations.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    switch (rs.getString(1)) {
                        case "p" ->
                            places.add(new Place(
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getLong(5),
                                    rs.getLong(6),
                                    rs.getLong(7),
                                    rs.getLong(8),
                                    rs.getInt(9),
                                    rs.getBoolean(10)));
                        case "o" ->
                            owned.add(new Owned(
                                    rs.getObject(2, java.util.UUID.class),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getLong(6),
                                    rs.getLong(7),
                                    rs.getInt(9)));
                        default ->
                            named.put(
                                    rs.getString(4),
                                    new LocationInfo(rs.getString(4), rs.getInt(9), rs.getBoolean(10), rs.getLong(8)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read stock per location", e);
        }
        return new Places(places, owned, named);
    }

    /** Applies every delta in one statement and logs the movements; returns the new levels. */
    public List<StockLevel> apply(List<Delta> deltas, String kind, String actor) {
        return apply(deltas, null, kind, actor);
    }

    /**
     * Applies every delta and the per-location writes (ADR 0052) in one statement and logs the movements;
     * returns the new levels.
     */
    public List<StockLevel> apply(List<Delta> deltas, Writes writes, String kind, String actor) {
        int n = deltas.size();
        String[] skus = new String[n];
        Long[] onHand = new Long[n];
        Long[] reserved = new Long[n];
        String[] reasons = new String[n];
        Long[] held = new Long[n];
        for (int i = 0; i < n; i++) {
            Delta d = deltas.get(i);
            skus[i] = d.sku();
            onHand[i] = d.onHand();
            reserved[i] = d.reserved();
            reasons[i] = d.reason();
            held[i] = d.held();
        }
        List<StockLevel> levels = new ArrayList<>(n);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(APPLY.formatted(writes == null ? "" : APPLY_LOCATIONS))) {
            ps.setArray(1, c.createArrayOf("text", skus));
            ps.setArray(2, c.createArrayOf("bigint", onHand));
            ps.setArray(3, c.createArrayOf("bigint", reserved));
            ps.setArray(4, c.createArrayOf("text", reasons));
            ps.setArray(5, c.createArrayOf("bigint", held));
            ps.setString(6, kind);
            ps.setString(7, actor);
            if (writes != null) {
                bindWrites(c, ps, 8, writes);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    levels.add(level(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot apply stock changes", e);
        }
        return levels;
    }

    private static void bindWrites(Connection c, PreparedStatement ps, int from, Writes writes) throws SQLException {
        List<Place> places = List.copyOf(writes.places());
        List<Owned> kept = writes.owned().stream()
                .filter(o -> o.reserved() != 0 || o.held() != 0)
                .toList();
        List<Owned> gone = writes.owned().stream()
                .filter(o -> o.reserved() == 0 && o.held() == 0)
                .toList();
        int i = from;
        ps.setArray(i++, c.createArrayOf("text", places.stream().map(Place::sku).toArray()));
        ps.setArray(
                i++,
                c.createArrayOf("text", places.stream().map(Place::location).toArray()));
        ps.setArray(
                i++,
                c.createArrayOf("bigint", places.stream().map(Place::onHand).toArray()));
        ps.setArray(
                i++,
                c.createArrayOf("bigint", places.stream().map(Place::reserved).toArray()));
        ps.setArray(
                i++, c.createArrayOf("bigint", places.stream().map(Place::held).toArray()));
        ps.setArray(i++, c.createArrayOf("uuid", kept.stream().map(Owned::owner).toArray()));
        ps.setArray(i++, c.createArrayOf("text", kept.stream().map(Owned::sku).toArray()));
        ps.setArray(
                i++, c.createArrayOf("text", kept.stream().map(Owned::location).toArray()));
        ps.setArray(
                i++,
                c.createArrayOf("bigint", kept.stream().map(Owned::reserved).toArray()));
        ps.setArray(
                i++, c.createArrayOf("bigint", kept.stream().map(Owned::held).toArray()));
        ps.setArray(i++, c.createArrayOf("uuid", gone.stream().map(Owned::owner).toArray()));
        ps.setArray(i++, c.createArrayOf("text", gone.stream().map(Owned::sku).toArray()));
        ps.setArray(
                i, c.createArrayOf("text", gone.stream().map(Owned::location).toArray()));
    }

    public List<StockLevel> find(Collection<String> skus) {
        List<StockLevel> levels = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY sku")) {
            ps.setArray(1, c.createArrayOf("text", skus.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    levels.add(level(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read stock levels", e);
        }
        return levels;
    }

    public Optional<StockLevel> find(String sku) {
        return find(List.of(sku)).stream().findFirst();
    }

    /** One page of stock levels in keyset order {@code (created_at, product_id)}; {@code limit + 1} rows. */
    public List<PagedLevel> page(java.time.Instant afterCreatedAt, java.util.UUID afterId, int limit) {
        String sql = "SELECT sku, on_hand, reserved, version, updated_at, created_at, product_id, held FROM"
                + " inventory.stock_levels"
                + (afterCreatedAt == null ? "" : " WHERE (created_at, product_id) > (?, ?)")
                + " ORDER BY created_at, product_id LIMIT ?";
        List<PagedLevel> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (afterCreatedAt != null) {
                ps.setObject(i++, OffsetDateTime.ofInstant(afterCreatedAt, java.time.ZoneOffset.UTC));
                ps.setObject(i++, afterId);
            }
            ps.setInt(i, limit + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new PagedLevel(
                            level(rs),
                            rs.getObject(6, OffsetDateTime.class).toInstant(),
                            rs.getObject(7, java.util.UUID.class)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read stock levels", e);
        }
        return rows;
    }

    /** A stock level with its keyset position. */
    public record PagedLevel(StockLevel level, java.time.Instant createdAt, java.util.UUID productId) {}

    private static StockLevel level(ResultSet rs) throws SQLException {
        return StockLevel.of(
                rs.getString(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getLong("held"),
                rs.getLong(4),
                rs.getObject(5, OffsetDateTime.class).toInstant());
    }
}
