package orders.internal.domain;

import inventory.StockRequest;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import orders.ShipmentView;

/**
 * SQL for shipments (ADR 0048). What a line has shipped is the sum of its shipment lines; callers lock
 * the order row first, so the sums they read stay true until they commit.
 */
@ApplicationScoped
public class ShipmentRepository {

    private final AgroalDataSource dataSource;

    ShipmentRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The stored head of a shipment. */
    public record ShipmentRow(
            UUID id,
            UUID orderId,
            UUID clientId,
            String status,
            String carrier,
            String trackingNumber,
            int lineCount,
            long version,
            Instant createdAt,
            Instant updatedAt,
            Instant deliveredAt) {}

    /** One order line with what it ordered, what still waits for stock, and what its shipments took so far. */
    public record LineBalance(int lineNo, String sku, long ordered, long backordered, long shipped) {
        long remaining() {
            return ordered - shipped;
        }

        /** What can ship now: only allocated units (a backordered unit has no stock reserved for it yet). */
        long shippable() {
            return ordered - backordered - shipped;
        }
    }

    /** Every line of the order, in line order, with its shipped sum. */
    public Map<String, LineBalance> balance(UUID orderId) {
        Map<String, LineBalance> lines = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT l.line_no, l.sku, l.quantity, l.backordered, coalesce(s.shipped, 0)
                          FROM orders.order_lines l
                          LEFT JOIN (SELECT sku, sum(quantity) AS shipped FROM orders.shipment_lines
                                      WHERE order_id = ? GROUP BY sku) s ON s.sku = l.sku
                         WHERE l.order_id = ? ORDER BY l.line_no""")) {
            ps.setObject(1, orderId);
            ps.setObject(2, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.put(
                            rs.getString(2),
                            new LineBalance(
                                    rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the shipped quantities", e);
        }
        return lines;
    }

    /** The (sku, quantity) of every line not yet fully shipped, for what remains. */
    public List<StockRequest> unshipped(UUID orderId) {
        List<StockRequest> rest = new ArrayList<>();
        for (LineBalance l : balance(orderId).values()) {
            if (l.remaining() > 0) {
                rest.add(new StockRequest(l.sku(), l.remaining()));
            }
        }
        return rest;
    }

    public boolean any(UUID orderId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT EXISTS (SELECT 1 FROM orders.shipments WHERE order_id = ?)")) {
            ps.setObject(1, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read shipments", e);
        }
    }

    /** Inserts the head and every line (one statement for the lines). */
    public void insert(ShipmentRow s, String[] skus, Long[] quantities) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO orders.shipments (id, order_id, client_id, status, carrier, tracking_number, line_count,
                                                  version, created_at, updated_at, delivered_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                ps.setObject(1, s.id());
                ps.setObject(2, s.orderId());
                ps.setObject(3, s.clientId());
                ps.setString(4, s.status());
                ps.setString(5, s.carrier());
                ps.setString(6, s.trackingNumber());
                ps.setInt(7, s.lineCount());
                ps.setLong(8, s.version());
                ps.setObject(9, utc(s.createdAt()));
                ps.setObject(10, utc(s.updatedAt()));
                ps.setObject(11, utc(s.deliveredAt()));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO orders.shipment_lines (shipment_id, order_id, client_id, line_no, sku, quantity)
                    SELECT ?, ?, ?, l.ord, l.sku, l.qty
                      FROM unnest(?::text[], ?::bigint[]) WITH ORDINALITY AS l(sku, qty, ord)""")) {
                ps.setObject(1, s.id());
                ps.setObject(2, s.orderId());
                ps.setObject(3, s.clientId());
                ps.setArray(4, c.createArrayOf("text", skus));
                ps.setArray(5, c.createArrayOf("bigint", quantities));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot insert shipment", e);
        }
    }

    public Optional<ShipmentRow> find(UUID orderId, UUID id, boolean forUpdate) {
        return query(
                        "SELECT " + COLUMNS + " FROM orders.shipments WHERE order_id = ? AND id = ?"
                                + (forUpdate ? " FOR UPDATE" : ""),
                        List.of(orderId, id))
                .stream()
                .findFirst();
    }

    /** Up to {@code limit + 1} shipments of the order after the keyset position, oldest first. */
    public List<ShipmentRow> page(UUID orderId, Instant afterCreatedAt, UUID afterId, int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM orders.shipments WHERE order_id = ?");
        params.add(orderId);
        if (afterCreatedAt != null) {
            sql.append(" AND (created_at, id) > (?, ?)");
            params.add(utc(afterCreatedAt));
            params.add(afterId);
        }
        sql.append(" ORDER BY created_at, id LIMIT ?");
        params.add(limit + 1);
        return query(sql.toString(), params);
    }

    /** Shipments of the order not yet delivered, locked. */
    public List<ShipmentRow> undelivered(UUID orderId) {
        return query(
                "SELECT " + COLUMNS + " FROM orders.shipments WHERE order_id = ? AND status = 'shipped'"
                        + " ORDER BY created_at, id FOR UPDATE",
                List.of(orderId));
    }

    public void markDelivered(UUID id, Instant at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        UPDATE orders.shipments SET status = 'delivered', delivered_at = ?, updated_at = ?,
                               version = version + 1 WHERE id = ?""")) {
            ps.setObject(1, utc(at));
            ps.setObject(2, utc(at));
            ps.setObject(3, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update shipment", e);
        }
    }

    /** The lines of these shipments, in line order, in one query. */
    public Map<UUID, List<ShipmentView.Line>> linesOf(Collection<UUID> shipmentIds) {
        Map<UUID, List<ShipmentView.Line>> lines = new HashMap<>();
        if (shipmentIds.isEmpty()) {
            return lines;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT shipment_id, sku, quantity FROM orders.shipment_lines
                         WHERE shipment_id = ANY(?) ORDER BY shipment_id, line_no""")) {
            ps.setArray(1, c.createArrayOf("uuid", shipmentIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new ShipmentView.Line(rs.getString(2), rs.getLong(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read shipment lines", e);
        }
        return lines;
    }

    private static final String COLUMNS = "id, order_id, client_id, status, carrier, tracking_number, line_count, "
            + "version, created_at, updated_at, delivered_at";

    private List<ShipmentRow> query(String sql, List<Object> params) {
        List<ShipmentRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime delivered = rs.getObject(11, OffsetDateTime.class);
                    rows.add(new ShipmentRow(
                            rs.getObject(1, UUID.class),
                            rs.getObject(2, UUID.class),
                            rs.getObject(3, UUID.class),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getInt(7),
                            rs.getLong(8),
                            rs.getObject(9, OffsetDateTime.class).toInstant(),
                            rs.getObject(10, OffsetDateTime.class).toInstant(),
                            delivered == null ? null : delivered.toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read shipments", e);
        }
        return rows;
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
