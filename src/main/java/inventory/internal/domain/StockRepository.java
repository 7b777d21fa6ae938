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
            )
            SELECT sku, on_hand, reserved, version, updated_at, held FROM changed""";

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

    /** Applies every delta in one statement and logs the movements; returns the new levels. */
    public List<StockLevel> apply(List<Delta> deltas, String kind, String actor) {
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
                PreparedStatement ps = c.prepareStatement(APPLY)) {
            ps.setArray(1, c.createArrayOf("text", skus));
            ps.setArray(2, c.createArrayOf("bigint", onHand));
            ps.setArray(3, c.createArrayOf("bigint", reserved));
            ps.setArray(4, c.createArrayOf("text", reasons));
            ps.setArray(5, c.createArrayOf("bigint", held));
            ps.setString(6, kind);
            ps.setString(7, actor);
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
