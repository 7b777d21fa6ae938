package orders.internal.domain;

import inventory.StockRequest;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import orders.OrderView;

/**
 * SQL for orders: one statement per table when an order is placed (the lines go in with one
 * {@code INSERT … SELECT FROM unnest(…)}, never one statement per line), keyset-paged reads.
 */
@ApplicationScoped
public class OrderRepository {

    private final AgroalDataSource dataSource;

    OrderRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The stored columns of an order; {@code shipTo} still encrypted. */
    public record OrderRow(
            UUID id,
            UUID clientId,
            String externalRef,
            String status,
            String priority,
            String currency,
            int lineCount,
            BigDecimal total,
            String shipToCiphertext,
            String notes,
            String trackingNumber,
            long version,
            Instant createdAt,
            Instant updatedAt,
            String backorderPolicy,
            long backordered) {

        public OrderRow withBackordered(long units) {
            return new OrderRow(
                    id,
                    clientId,
                    externalRef,
                    status,
                    priority,
                    currency,
                    lineCount,
                    total,
                    shipToCiphertext,
                    notes,
                    trackingNumber,
                    version,
                    createdAt,
                    updatedAt,
                    backorderPolicy,
                    units);
        }

        public OrderRow(
                UUID id,
                UUID clientId,
                String externalRef,
                String status,
                String priority,
                String currency,
                int lineCount,
                BigDecimal total,
                String shipToCiphertext,
                String notes,
                String trackingNumber,
                long version,
                Instant createdAt,
                Instant updatedAt) {
            this(
                    id,
                    clientId,
                    externalRef,
                    status,
                    priority,
                    currency,
                    lineCount,
                    total,
                    shipToCiphertext,
                    notes,
                    trackingNumber,
                    version,
                    createdAt,
                    updatedAt,
                    BackorderPolicy.REJECT,
                    0);
        }
    }

    /** Inserts the order head; false when the client used this externalRef already. */
    public boolean insert(OrderRow o) {
        String sql = """
                INSERT INTO orders.orders (id, client_id, external_ref, status, priority, currency, line_count, total, ship_to,
                                           notes, version, created_at, updated_at, backorder_policy)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT ON CONSTRAINT orders_external_ref_per_client DO NOTHING""";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, o.id());
            ps.setObject(2, o.clientId());
            ps.setString(3, o.externalRef());
            ps.setString(4, o.status());
            ps.setString(5, o.priority());
            ps.setString(6, o.currency());
            ps.setInt(7, o.lineCount());
            ps.setBigDecimal(8, o.total());
            ps.setString(9, o.shipToCiphertext());
            ps.setString(10, o.notes());
            ps.setLong(11, o.version());
            ps.setObject(12, utc(o.createdAt()));
            ps.setObject(13, utc(o.updatedAt()));
            ps.setString(14, o.backorderPolicy());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot insert order", e);
        }
    }

    /**
     * Inserts every line of a new order and its first status in one statement; line numbers start at 1
     * in request order, the status is entry 1 of the order's history.
     */
    public void insertLinesAndFirstStatus(
            UUID orderId,
            UUID clientId,
            String[] skus,
            Long[] quantities,
            BigDecimal[] unitPrices,
            BigDecimal[] totals,
            String status,
            Instant at,
            String by) {
        String sql = """
                WITH lines AS (
                    INSERT INTO orders.order_lines (order_id, client_id, line_no, sku, quantity, unit_price, line_total)
                    SELECT ?, ?, l.ord, l.sku, l.qty, l.price, l.total
                      FROM unnest(?::text[], ?::bigint[], ?::numeric[], ?::numeric[]) WITH ORDINALITY AS l(sku, qty, price, total, ord))
                INSERT INTO orders.status_history (order_id, client_id, seq, status, at, by) VALUES (?, ?, 1, ?, ?, ?)""";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, orderId);
            ps.setObject(2, clientId);
            ps.setArray(3, c.createArrayOf("text", skus));
            ps.setArray(4, c.createArrayOf("bigint", quantities));
            ps.setArray(5, c.createArrayOf("numeric", unitPrices));
            ps.setArray(6, c.createArrayOf("numeric", totals));
            ps.setObject(7, orderId);
            ps.setObject(8, clientId);
            ps.setString(9, status);
            ps.setObject(10, utc(at));
            ps.setString(11, by);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot insert order lines", e);
        }
    }

    public void appendHistory(UUID orderId, UUID clientId, String status, Instant at, String by) {
        String sql = """
                INSERT INTO orders.status_history (order_id, client_id, seq, status, at, by)
                SELECT ?, ?, coalesce(max(seq), 0) + 1, ?, ?, ? FROM orders.status_history WHERE order_id = ?""";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, orderId);
            ps.setObject(2, clientId);
            ps.setString(3, status);
            ps.setObject(4, utc(at));
            ps.setString(5, by);
            ps.setObject(6, orderId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot append status history", e);
        }
    }

    public Optional<OrderRow> find(UUID id, boolean forUpdate) {
        return query(
                        "SELECT " + COLUMNS + " FROM orders.orders WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""),
                        ps -> ps.setObject(1, id))
                .stream()
                .findFirst();
    }

    public List<OrderView.StatusChange> history(UUID id) {
        List<OrderView.StatusChange> history = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT status, at, by FROM orders.status_history WHERE order_id = ? ORDER BY seq")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    history.add(new OrderView.StatusChange(
                            rs.getString(1),
                            rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read status history", e);
        }
        return history;
    }

    public void updateStatus(UUID id, String status, String trackingNumber, Instant at) {
        String sql = """
                UPDATE orders.orders SET status = ?, tracking_number = coalesce(?, tracking_number), version = version + 1,
                       updated_at = ? WHERE id = ?""";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, status);
            ps.setString(2, trackingNumber);
            ps.setObject(3, utc(at));
            ps.setObject(4, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update order status", e);
        }
    }

    /** Records, when an order is placed, the units of its lines that wait in the backorder queue. */
    public void markBackordered(UUID orderId, String[] skus, Long[] waiting) {
        String sql = """
                UPDATE orders.order_lines l SET backordered = w.units
                  FROM unnest(?::text[], ?::bigint[]) AS w(sku, units)
                 WHERE l.order_id = ? AND l.sku = w.sku""";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", skus));
            ps.setArray(2, c.createArrayOf("bigint", waiting));
            ps.setObject(3, orderId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record backordered units", e);
        }
    }

    /** One changed line of an allocation, as it is after the change. */
    public record AllocatedLine(
            UUID orderId, UUID clientId, int lineNo, String sku, long quantity, long allocatedNow, long backordered) {}

    /**
     * Applies an allocation to the lines in one statement ({@code backordered} becomes what still waits) and
     * returns the changed lines, ordered by order and line.
     */
    public List<AllocatedLine> allocate(UUID[] orderIds, String[] skus, Long[] allocatedNow, Long[] stillWaiting) {
        String sql = """
                WITH a AS (
                    SELECT * FROM unnest(?::uuid[], ?::text[], ?::bigint[], ?::bigint[]) AS a(order_id, sku, now, waiting)
                )
                UPDATE orders.order_lines l SET backordered = a.waiting
                  FROM a
                 WHERE l.order_id = a.order_id AND l.sku = a.sku
                RETURNING l.order_id, l.client_id, l.line_no, l.sku, l.quantity, a.now, l.backordered""";
        List<AllocatedLine> lines = new ArrayList<>(orderIds.length);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("uuid", orderIds));
            ps.setArray(2, c.createArrayOf("text", skus));
            ps.setArray(3, c.createArrayOf("bigint", allocatedNow));
            ps.setArray(4, c.createArrayOf("bigint", stillWaiting));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(new AllocatedLine(
                            rs.getObject(1, UUID.class),
                            rs.getObject(2, UUID.class),
                            rs.getInt(3),
                            rs.getString(4),
                            rs.getLong(5),
                            rs.getLong(6),
                            rs.getLong(7)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record an allocation", e);
        }
        return lines;
    }

    /** Units still waiting over all lines of each of these orders. */
    public java.util.Map<UUID, Long> backorderedOf(java.util.Collection<UUID> orderIds) {
        java.util.Map<UUID, Long> waiting = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT order_id, sum(backordered) FROM orders.order_lines WHERE order_id = ANY(?)"
                                + " GROUP BY order_id")) {
            ps.setArray(1, c.createArrayOf("uuid", orderIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    waiting.put(rs.getObject(1, UUID.class), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read order lines", e);
        }
        return waiting;
    }

    /** Units ordered and units still waiting over all lines of an order: {@code [quantity, backordered]}. */
    public long[] allocationOf(UUID orderId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT coalesce(sum(quantity), 0), coalesce(sum(backordered), 0) FROM orders.order_lines"
                                + " WHERE order_id = ?")) {
            ps.setObject(1, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read order lines", e);
        }
    }

    /** The (sku, quantity) of every line, to release or consume the reservation. */
    public List<StockRequest> stockOf(UUID orderId) {
        List<StockRequest> lines = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT sku, quantity FROM orders.order_lines WHERE order_id = ?")) {
            ps.setObject(1, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(new StockRequest(rs.getString(1), rs.getLong(2)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read order lines", e);
        }
        return lines;
    }

    /** Up to {@code limit + 1} lines after {@code afterLineNo}. */
    public List<OrderItemView> items(UUID orderId, int afterLineNo, int limit) {
        List<OrderItemView> items = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT line_no, sku, quantity, unit_price, line_total, backordered FROM orders.order_lines
                         WHERE order_id = ? AND line_no > ? ORDER BY line_no LIMIT ?""")) {
            ps.setObject(1, orderId);
            ps.setInt(2, afterLineNo);
            ps.setInt(3, limit + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(new OrderItemView(
                            rs.getInt(1),
                            rs.getString(2),
                            rs.getLong(3),
                            platform.money.Money.format(rs.getBigDecimal(4)),
                            platform.money.Money.format(rs.getBigDecimal(5)),
                            rs.getLong(3) - rs.getLong(6),
                            rs.getLong(6)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read order lines", e);
        }
        return items;
    }

    /** Every line of these orders, in order and line order, in one query. */
    public java.util.Map<UUID, List<OrderItemView>> itemsOf(java.util.Collection<UUID> orderIds) {
        java.util.Map<UUID, List<OrderItemView>> items = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT order_id, line_no, sku, quantity, unit_price, line_total, backordered FROM orders.order_lines
                         WHERE order_id = ANY(?) ORDER BY order_id, line_no""")) {
            ps.setArray(1, c.createArrayOf("uuid", orderIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
                            .add(new OrderItemView(
                                    rs.getInt(2),
                                    rs.getString(3),
                                    rs.getLong(4),
                                    platform.money.Money.format(rs.getBigDecimal(5)),
                                    platform.money.Money.format(rs.getBigDecimal(6)),
                                    rs.getLong(4) - rs.getLong(7),
                                    rs.getLong(7)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read order lines", e);
        }
        return items;
    }

    /** Filters of {@code GET /v1/orders}; null means "any". */
    public record Filter(
            UUID clientId,
            String status,
            String priority,
            Instant createdFrom,
            Instant createdTo,
            String externalRef,
            Instant afterCreatedAt,
            UUID afterId,
            int limit) {}

    public List<OrderRow> list(Filter f) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM orders.orders WHERE true");
        List<Object> params = new ArrayList<>();
        if (f.clientId() != null) {
            sql.append(" AND client_id = ?");
            params.add(f.clientId());
        }
        if (f.status() != null) {
            sql.append(" AND status = ?");
            params.add(f.status());
        }
        if (f.priority() != null) {
            sql.append(" AND priority = ?");
            params.add(f.priority());
        }
        if (f.createdFrom() != null) {
            sql.append(" AND created_at >= ?");
            params.add(utc(f.createdFrom()));
        }
        if (f.createdTo() != null) {
            sql.append(" AND created_at < ?");
            params.add(utc(f.createdTo()));
        }
        if (f.externalRef() != null) {
            sql.append(" AND external_ref = ?");
            params.add(f.externalRef());
        }
        if (f.afterCreatedAt() != null) {
            sql.append(" AND (created_at, id) > (?, ?)");
            params.add(utc(f.afterCreatedAt()));
            params.add(f.afterId());
        }
        sql.append(" ORDER BY created_at, id LIMIT ?");
        params.add(f.limit() + 1);
        return query(sql.toString(), ps -> {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
        });
    }

    private static final String COLUMNS =
            "id, client_id, external_ref, status, priority, currency, line_count, total, ship_to, "
                    + "notes, tracking_number, version, created_at, updated_at, backorder_policy, "
                    // only an order placed with backorders can have units waiting: the others pay nothing here
                    + "CASE WHEN backorder_policy = 'backorder' THEN (SELECT coalesce(sum(l.backordered), 0)"
                    + " FROM orders.order_lines l WHERE l.order_id = orders.id) ELSE 0 END";

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<OrderRow> query(String sql, Binder binder) {
        List<OrderRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OrderRow(
                            rs.getObject(1, UUID.class),
                            rs.getObject(2, UUID.class),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getInt(7),
                            rs.getBigDecimal(8),
                            rs.getString(9),
                            rs.getString(10),
                            rs.getString(11),
                            rs.getLong(12),
                            rs.getObject(13, OffsetDateTime.class).toInstant(),
                            rs.getObject(14, OffsetDateTime.class).toInstant(),
                            rs.getString(15),
                            rs.getLong(16)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read orders", e);
        }
        return rows;
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
