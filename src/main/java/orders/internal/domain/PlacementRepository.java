package orders.internal.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import platform.db.Jdbc;
import platform.outbox.OutboxRow;

/**
 * The two set-based statements of an order's placement that are the orders module's own (ADR 0053):
 * the head, inserted only when the client's committed exposure leaves room for it, and, at the end, the
 * lines, the first status, the {@code order.created} outbox row, the idempotency answer and the credit
 * in one statement, so the client's credit slice is locked by the last statement before commit.
 */
@ApplicationScoped
class PlacementRepository {

    private final Jdbc jdbc;

    PlacementRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** What {@link #insertHeadWithinCredit} found: the committed exposure, and whether the head went in. */
    record Head(BigDecimal standing, boolean inserted) {}

    /** The stored answer of an idempotent request, written with the order. */
    record Answer(
            IdempotencyStore.Claim claim, int status, String body, String location, Instant at, Instant expires) {}

    /**
     * Reads the client's committed exposure (the sum of its slices) without a lock and inserts the order head if that exposure
     * plus the order's total stays within {@code limit} (else nothing is inserted); {@code inserted} is
     * also false when the client used the order's externalRef already.
     */
    Head insertHeadWithinCredit(OrderRepository.OrderRow o, BigDecimal limit) {
        return jdbc.one(
                        """
                        WITH e AS (
                            SELECT coalesce((SELECT sum(exposure) FROM orders.client_exposure WHERE client_id = ?::uuid), 0) AS standing),
                        head AS (
                            INSERT INTO orders.orders (id, client_id, external_ref, status, priority, currency, line_count, total,
                                                       ship_to, notes, version, created_at, updated_at, backorder_policy)
                            SELECT ?::uuid, ?::uuid, ?::text, ?::text, ?::text, ?::text, ?::int, ?::numeric, ?::text, ?::text, ?::bigint,
                                   ?::timestamptz, ?::timestamptz, ?::text FROM e WHERE e.standing + ?::numeric <= ?::numeric
                            ON CONFLICT ON CONSTRAINT orders_external_ref_per_client DO NOTHING
                            RETURNING 1)
                        SELECT e.standing, EXISTS (SELECT 1 FROM head) FROM e""",
                        rs -> new Head(rs.getBigDecimal(1), rs.getBoolean(2)),
                        o.clientId(),
                        o.id(),
                        o.clientId(),
                        o.externalRef(),
                        o.status(),
                        o.priority(),
                        o.currency(),
                        o.lineCount(),
                        o.total(),
                        o.shipToCiphertext(),
                        o.notes(),
                        o.version(),
                        utc(o.createdAt()),
                        utc(o.updatedAt()),
                        o.backorderPolicy(),
                        o.total(),
                        limit)
                .orElseThrow();
    }

    /**
     * Inserts the lines (numbered from 1 in request order, with the units each leaves waiting), status 1
     * of the history, the order's event and, when given, the idempotency answer, and adds the order's total
     * to the client's credit slice {@code slice} if that slice has room under the split of {@code limit}
     * ({@link ExposureRepository#SLICE_TAKE}): one statement. False when the slice had no room; the caller
     * then falls back to {@link ExposureRepository#takeSplitting}.
     */
    boolean insertRestAndTakeCredit(
            UUID orderId,
            UUID clientId,
            PricedLines priced,
            Long[] backordered,
            String status,
            Instant at,
            String by,
            OutboxRow event,
            Optional<Answer> answer,
            int slice,
            BigDecimal limit) {
        List<Object> params = new ArrayList<>(40);
        StringBuilder sql = new StringBuilder("""
                WITH lines AS (
                    INSERT INTO orders.order_lines (order_id, client_id, line_no, sku, quantity, unit_price, line_total, backordered)
                    SELECT ?, ?, l.ord, l.sku, l.qty, l.price, l.total, l.waiting
                      FROM unnest(?::text[], ?::bigint[], ?::numeric[], ?::numeric[], ?::bigint[])
                           WITH ORDINALITY AS l(sku, qty, price, total, waiting, ord)),
                history AS (
                    INSERT INTO orders.status_history (order_id, client_id, seq, status, at, by) VALUES (?, ?, 1, ?, ?, ?)),
                event AS (""");
        params.addAll(Arrays.asList(
                orderId,
                clientId,
                new Jdbc.SqlArray("text", priced.skus()),
                new Jdbc.SqlArray("bigint", priced.quantities()),
                new Jdbc.SqlArray("numeric", priced.unitPrices()),
                new Jdbc.SqlArray("numeric", priced.lineTotals()),
                new Jdbc.SqlArray("bigint", backordered),
                orderId,
                clientId,
                status,
                utc(at),
                by));
        sql.append(OutboxRow.INSERT_COLUMNS)
                .append(' ')
                .append(OutboxRow.VALUES)
                .append(")");
        params.addAll(Arrays.asList(event.params()));
        if (answer.isPresent()) {
            Answer a = answer.get();
            sql.append("""
                    ,
                    answer AS (
                        INSERT INTO orders.idempotency_keys (client_id, endpoint, key, request_hash, state, response_status,
                                                             response_body, location, created_at, expires_at)
                        VALUES (?, ?, ?, ?, 'done', ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING)""");
            params.add(a.claim().clientId());
            params.add(a.claim().endpoint());
            params.add(a.claim().key());
            params.add(a.claim().requestHash());
            params.add(a.status());
            params.add(a.body());
            params.add(a.location());
            params.add(utc(a.at()));
            params.add(utc(a.expires()));
        }
        sql.append(",\ncredit AS (").append(ExposureRepository.SLICE_TAKE).append(")\nSELECT count(*) FROM credit");
        params.add(priced.total());
        params.add(clientId);
        params.add(slice);
        params.add(limit);
        params.add(priced.total());
        return jdbc.one(sql.toString(), rs -> rs.getLong(1), params.toArray()).orElse(0L) == 1L;
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
