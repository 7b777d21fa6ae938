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
     * SKU go to its waiting rows in seq order (a running sum says how much waits ahead of a row); filled rows
     * are deleted, the head that is filled partly shrinks, the reserved count grows by what was taken, one
     * movement per SKU is logged. Waiting rows are locked in (sku, seq) order.
     */
    static final String ALLOCATE = """
            WITH stock AS (
                SELECT sku, on_hand - reserved - held AS available
                  FROM inventory.stock_levels WHERE sku = ANY(?::text[])
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
                SELECT seq, order_id, client_id, sku, quantity, least(quantity, available - ahead) AS take
                  FROM ranked
                 WHERE available > ahead
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
            )
            SELECT 'line' AS what, t.sku, t.order_id, t.client_id, t.take, t.quantity - t.take,
                   NULL::bigint, NULL::bigint, NULL::bigint, NULL::timestamptz, NULL::bigint
              FROM taken t
            UNION ALL
            SELECT 'level', c.sku, NULL, NULL, c.take, NULL, c.on_hand, c.reserved, c.version, c.updated_at, c.held
              FROM changed c""";

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
    public record Allocated(List<BackordersAllocated.Allocation> lines, List<StockLevel> levels) {}

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
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(ALLOCATE)) {
            java.sql.Array array = c.createArrayOf("text", skus.toArray());
            ps.setArray(1, array);
            ps.setArray(2, array);
            ps.setString(3, actor);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(1).equals("line")) {
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
        return new Allocated(lines, levels);
    }
}
