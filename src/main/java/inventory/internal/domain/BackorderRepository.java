package inventory.internal.domain;

import inventory.StockLevel;
import inventory.events.BackordersAllocated;
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
import java.util.UUID;

/**
 * The backorder queue (ADR 0047): units of order lines waiting for stock, first come first served per SKU.
 * Every method expects the caller to hold the locks of the SKUs' stock rows (taken in SKU order by {@link
 * StockRepository#lockInOrder}), so queue rows of a SKU are only ever touched by the one transaction that
 * holds its stock row.
 */
@ApplicationScoped
public class BackorderRepository {

    /**
     * Allocation of freed or arrived stock to the waiting rows, in one statement: the available units of each
     * SKU (at its active locations, ADR 0052) go to its waiting rows in seq order (a running sum says how much
     * waits ahead of a row); filled rows are deleted, the head that is filled partly shrinks, the reserved count
     * grows by what was taken, one movement per SKU is logged. Which location gives which units: the taken units
     * of a SKU, lined up in seq order, meet the available units of its locations lined up in rank-then-code
     * order; each overlap of the two lines is that order's reservation at that location (usually the one
     * location that was just restocked or freed, since a SKU with waiting rows has nothing available elsewhere).
     * Waiting rows are locked in (sku, seq) order.
     */
    static final String ALLOCATE = """
            WITH loc AS (
                SELECT ls.sku, ls.location, ls.on_hand - ls.reserved - ls.held AS available,
                       (sum(ls.on_hand - ls.reserved - ls.held)
                            OVER (PARTITION BY ls.sku ORDER BY l.rank, ls.location))::bigint
                           - (ls.on_hand - ls.reserved - ls.held) AS before
                  FROM inventory.location_stock ls JOIN inventory.locations l ON l.code = ls.location
                 WHERE ls.sku = ANY(?::text[]) AND l.active AND ls.on_hand - ls.reserved - ls.held > 0
            ), stock AS (
                SELECT sku, sum(available)::bigint AS available FROM loc GROUP BY sku
            ), waiting AS MATERIALIZED (
                SELECT b.seq, b.order_id, b.client_id, b.sku, b.quantity
                  FROM inventory.backorders b
                 WHERE b.sku = ANY(?::text[])
                 ORDER BY b.sku, b.seq
                   FOR UPDATE
            ), ranked AS (
                SELECT w.seq, w.order_id, w.client_id, w.sku, w.quantity, s.available,
                       (sum(w.quantity) OVER (PARTITION BY w.sku ORDER BY w.seq))::bigint - w.quantity AS ahead
                  FROM waiting w JOIN stock s ON s.sku = w.sku
                 WHERE s.available > 0
            ), taken AS (
                SELECT seq, order_id, client_id, sku, quantity, ahead, least(quantity, available - ahead) AS take
                  FROM ranked
                 WHERE available > ahead
            ), split AS (
                SELECT t.order_id, t.sku, x.location,
                       least(t.ahead + t.take, x.before + x.available) - greatest(t.ahead, x.before) AS quantity
                  FROM taken t JOIN loc x ON x.sku = t.sku
                 WHERE t.ahead < x.before + x.available AND x.before < t.ahead + t.take
            ), filled AS (
                DELETE FROM inventory.backorders b USING taken t
                 WHERE b.seq = t.seq AND t.take = t.quantity
            ), shrunk AS (
                UPDATE inventory.backorders b SET quantity = b.quantity - t.take
                  FROM taken t
                 WHERE b.seq = t.seq AND t.take < t.quantity
            ), per_sku AS (
                SELECT sku, sum(take)::bigint AS take FROM taken GROUP BY sku
            ), changed AS (
                UPDATE inventory.stock_levels s
                   SET reserved = s.reserved + p.take, version = s.version + 1, updated_at = clock_timestamp()
                  FROM per_sku p
                 WHERE s.sku = p.sku
                RETURNING s.sku, s.on_hand, s.reserved, s.version, s.updated_at, s.held, p.take
            ), logged AS (
                INSERT INTO inventory.stock_movements
                       (sku, kind, reason, on_hand_delta, reserved_delta, held_delta, version, actor, created_at)
                SELECT sku, 'reserve', 'backorder', 0, take, 0, version, ?, updated_at FROM changed
            ), per_location AS (
                SELECT sku, location, sum(quantity)::bigint AS quantity FROM split GROUP BY sku, location
            ), placed AS (
                UPDATE inventory.location_stock ls
                   SET reserved = ls.reserved + p.quantity, version = ls.version + 1, updated_at = clock_timestamp()
                  FROM per_location p
                 WHERE ls.sku = p.sku AND ls.location = p.location
                RETURNING ls.sku, ls.location, ls.on_hand, ls.reserved, ls.held, ls.version
            ), owned AS (
                INSERT INTO inventory.location_reservations AS r (owner_id, sku, location, reserved, held)
                SELECT order_id, sku, location, sum(quantity)::bigint, 0 FROM split GROUP BY order_id, sku, location
                ON CONFLICT (owner_id, sku, location) DO UPDATE SET reserved = r.reserved + excluded.reserved
            )
            SELECT 'line' AS what, t.sku, t.order_id, t.client_id, t.take, t.quantity - t.take,
                   NULL::bigint, NULL::bigint, NULL::bigint, NULL::timestamptz, NULL::bigint, NULL::text
              FROM taken t
            UNION ALL
            SELECT 'level', c.sku, NULL, NULL, c.take, NULL, c.on_hand, c.reserved, c.version, c.updated_at, c.held, NULL
              FROM changed c
            UNION ALL
            SELECT 'place', p.sku, NULL, NULL, NULL, NULL, p.on_hand, p.reserved, p.version, NULL, p.held, p.location
              FROM placed p
            UNION ALL
            SELECT 'place', ls.sku, NULL, NULL, NULL, NULL, ls.on_hand, ls.reserved, ls.version, NULL, ls.held,
                   ls.location
              FROM inventory.location_stock ls
             WHERE ls.sku IN (SELECT sku FROM per_sku)
               AND (ls.sku, ls.location) NOT IN (SELECT sku, location FROM per_location)""";

    private static final String QUEUE = """
            INSERT INTO inventory.backorders (order_id, client_id, sku, quantity, created_at)
            SELECT ?, ?, q.sku, q.quantity, clock_timestamp()
              FROM unnest(?::text[], ?::bigint[]) AS q(sku, quantity)
             ORDER BY q.sku""";

    private static final String REMOVE = """
            DELETE FROM inventory.backorders WHERE order_id = ? RETURNING sku, quantity""";

    private final AgroalDataSource dataSource;

    BackorderRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What one allocation did: per order line the units taken, and the new levels of the SKUs that moved. */
    public record Allocated(
            List<BackordersAllocated.Allocation> lines,
            List<StockLevel> levels,
            Map<String, List<inventory.LocationLevel>> locations) {}

    /** Queues the units of one order that wait, in SKU order (the seq is their place in line). */
    public void queue(UUID orderId, UUID clientId, Map<String, Long> waiting) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(QUEUE)) {
            ps.setObject(1, orderId);
            ps.setObject(2, clientId);
            ps.setArray(3, c.createArrayOf("text", waiting.keySet().toArray()));
            ps.setArray(4, c.createArrayOf("bigint", waiting.values().toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot queue backorders", e);
        }
    }

    /** Takes an order out of the queue; returns, by SKU, the units that were still waiting. */
    public Map<String, Long> remove(UUID orderId) {
        Map<String, Long> removed = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(REMOVE)) {
            ps.setObject(1, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    removed.put(rs.getString(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot remove backorders", e);
        }
        return removed;
    }

    /** Gives the available units of these SKUs to their waiting rows, first come first served (see ALLOCATE). */
    public Allocated allocate(Collection<String> skus, String actor) {
        List<BackordersAllocated.Allocation> lines = new ArrayList<>();
        List<StockLevel> levels = new ArrayList<>();
        Map<String, List<inventory.LocationLevel>> locations = new java.util.TreeMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(ALLOCATE)) {
            java.sql.Array array = c.createArrayOf("text", skus.toArray());
            ps.setArray(1, array);
            ps.setArray(2, array);
            ps.setString(3, actor);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(1).equals("place")) {
                        locations
                                .computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                                .add(inventory.LocationLevel.of(
                                        rs.getString(12), rs.getLong(7), rs.getLong(8), rs.getLong(11), rs.getLong(9)));
                    } else if (rs.getString(1).equals("line")) {
                        lines.add(new BackordersAllocated.Allocation(
                                rs.getObject(3, UUID.class),
                                rs.getObject(4, UUID.class),
                                rs.getString(2),
                                rs.getLong(5),
                                rs.getLong(6)));
                    } else {
                        levels.add(StockLevel.of(
                                rs.getString(2),
                                rs.getLong(7),
                                rs.getLong(8),
                                rs.getLong(11),
                                rs.getLong(9),
                                rs.getObject(10, OffsetDateTime.class).toInstant()));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot allocate backorders", e);
        }
        return new Allocated(lines, levels, locations);
    }
}
