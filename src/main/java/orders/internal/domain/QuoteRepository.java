package orders.internal.domain;

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

/** SQL for quotes: the head row, its lines in one {@code INSERT … FROM unnest(…)}, keyset pages, expiry. */
@ApplicationScoped
public class QuoteRepository {

    private static final String COLUMNS = "id, client_id, external_ref, status, currency, line_count, total, notes,"
            + " order_id, expires_at, version, created_at, updated_at";

    private final AgroalDataSource dataSource;

    QuoteRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The stored columns of a quote. */
    public record QuoteRow(
            UUID id,
            UUID clientId,
            String externalRef,
            String status,
            String currency,
            int lineCount,
            BigDecimal total,
            String notes,
            UUID orderId,
            Instant expiresAt,
            long version,
            Instant createdAt,
            Instant updatedAt) {}

    /** One stored line. */
    public record LineRow(String sku, long quantity, BigDecimal unitPrice, BigDecimal lineTotal) {}

    /** Inserts the quote head; false when the client used this externalRef already. */
    public boolean insert(QuoteRow q) {
        String sql = "INSERT INTO orders.quotes (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT ON CONSTRAINT quotes_external_ref_per_client DO NOTHING";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, q.id());
            ps.setObject(2, q.clientId());
            ps.setString(3, q.externalRef());
            ps.setString(4, q.status());
            ps.setString(5, q.currency());
            ps.setInt(6, q.lineCount());
            ps.setBigDecimal(7, q.total());
            ps.setString(8, q.notes());
            ps.setObject(9, q.orderId());
            ps.setObject(10, utc(q.expiresAt()));
            ps.setLong(11, q.version());
            ps.setObject(12, utc(q.createdAt()));
            ps.setObject(13, utc(q.updatedAt()));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot insert quote", e);
        }
    }

    /** Inserts every line in one statement; line numbers start at 1 in request order. */
    public void insertLines(
            UUID quoteId, UUID clientId, String[] skus, Long[] quantities, BigDecimal[] prices, BigDecimal[] totals) {
        String sql = """
                INSERT INTO orders.quote_lines (quote_id, client_id, line_no, sku, quantity, unit_price, line_total)
                SELECT ?, ?, l.ord, l.sku, l.qty, l.price, l.total
                  FROM unnest(?::text[], ?::bigint[], ?::numeric[], ?::numeric[]) WITH ORDINALITY AS l(sku, qty, price, total, ord)""";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, quoteId);
            ps.setObject(2, clientId);
            ps.setArray(3, c.createArrayOf("text", skus));
            ps.setArray(4, c.createArrayOf("bigint", quantities));
            ps.setArray(5, c.createArrayOf("numeric", prices));
            ps.setArray(6, c.createArrayOf("numeric", totals));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot insert quote lines", e);
        }
    }

    public Optional<QuoteRow> find(UUID id, boolean forUpdate) {
        return query(
                        "SELECT " + COLUMNS + " FROM orders.quotes WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""),
                        List.of(id))
                .stream()
                .findFirst();
    }

    /** The lines of a quote in line order. */
    public List<LineRow> lines(UUID quoteId) {
        String sql = "SELECT sku, quantity, unit_price, line_total FROM orders.quote_lines WHERE quote_id = ?"
                + " ORDER BY line_no";
        List<LineRow> lines = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, quoteId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(new LineRow(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3), rs.getBigDecimal(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read quote lines", e);
        }
        return lines;
    }

    /** Newest first; {@code limit + 1} rows; the client filter is optional (row-level security applies too). */
    public List<QuoteRow> page(UUID clientId, String status, Instant afterCreatedAt, UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM orders.quotes WHERE true");
        List<Object> params = new ArrayList<>();
        if (clientId != null) {
            sql.append(" AND client_id = ?");
            params.add(clientId);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status);
        }
        if (afterCreatedAt != null) {
            sql.append(" AND (created_at, id) < (?, ?)");
            params.add(utc(afterCreatedAt));
            params.add(afterId);
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        params.add(limit + 1);
        return query(sql.toString(), params);
    }

    /** Moves a locked quote to its final status; the version goes up by one. */
    public void finish(UUID id, String status, UUID orderId, Instant at) {
        String sql =
                "UPDATE orders.quotes SET status = ?, order_id = ?, updated_at = ?, version = version + 1 WHERE id = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, status);
            ps.setObject(2, orderId);
            ps.setObject(3, utc(at));
            ps.setObject(4, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot finish quote", e);
        }
    }

    /**
     * Locks up to {@code limit} open quotes past their expiry, skipping rows another transaction holds
     * (an accept, a cancel, another instance's expiry job): each quote is expired by exactly one of them.
     */
    public List<QuoteRow> lockExpired(Instant now, int limit) {
        return query(
                "SELECT " + COLUMNS + " FROM orders.quotes WHERE status = 'open' AND expires_at <= ?"
                        + " ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED",
                List.of(utc(now), limit));
    }

    private List<QuoteRow> query(String sql, List<Object> params) {
        List<QuoteRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new QuoteRow(
                            rs.getObject(1, UUID.class),
                            rs.getObject(2, UUID.class),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getInt(6),
                            rs.getBigDecimal(7),
                            rs.getString(8),
                            rs.getObject(9, UUID.class),
                            rs.getObject(10, OffsetDateTime.class).toInstant(),
                            rs.getLong(11),
                            rs.getObject(12, OffsetDateTime.class).toInstant(),
                            rs.getObject(13, OffsetDateTime.class).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read quotes", e);
        }
        return rows;
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
