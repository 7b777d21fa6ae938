package orders.internal.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import platform.db.Jdbc;

/**
 * A client's credit exposure (its orders in pending, processing or shipped), kept in slices (ADR 0053):
 * each slice has an allowance, the allowances add up to the limit they were split from, and no slice's
 * exposure passes its allowance, so the sum never passes the limit. An order takes credit from one slice
 * ({@link #SLICE_TAKE}, in the placement's last statement); when that slice is short, {@link #takeSplitting}
 * locks all of the client's slices in slice order, checks the sum against the limit and splits the
 * headroom that is left anew.
 */
@ApplicationScoped
public class ExposureRepository {

    /**
     * Adds an amount to one slice if that slice was split from the given limit and its allowance leaves room;
     * parameters: amount, client, slice, limit, amount. Touches (and locks) the row only when it adds.
     */
    static final String SLICE_TAKE = """
            UPDATE orders.client_exposure SET exposure = exposure + ?::numeric
             WHERE client_id = ?::uuid AND slice = ?::smallint AND split_of = ?::numeric AND exposure + ?::numeric <= allowance
            RETURNING 1""";

    private final Jdbc jdbc;
    private final OrdersConfig config;

    ExposureRepository(Jdbc jdbc, OrdersConfig config) {
        this.jdbc = jdbc;
        this.config = config;
    }

    /** A slice for the next order to take credit from, at random so one client's orders spread. */
    int anySlice() {
        return ThreadLocalRandom.current().nextInt(slices());
    }

    /**
     * The fallback when {@code slice} had no room (or the client no slices, or its limit changed): locks every
     * slice of the client in slice order, adds {@code amount} to {@code slice} unless the sum would pass
     * {@code limit}, and splits what headroom is left evenly over the slices. Empty on success, else the
     * exposure that stood in the way.
     */
    public Optional<BigDecimal> takeSplitting(UUID clientId, int slice, BigDecimal amount, BigDecimal limit) {
        int n = slices();
        // the slices exist before they are locked (a concurrent first order waits for this one's rows)
        jdbc.update("""
                INSERT INTO orders.client_exposure (client_id, slice, exposure, allowance)
                SELECT ?, g, 0, 0 FROM generate_series(0, ?) g ON CONFLICT DO NOTHING""", clientId, n - 1);
        List<Slice> slices = locked(clientId);
        BigDecimal total = slices.stream().map(Slice::exposure).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (total.add(amount).compareTo(limit) > 0) {
            return Optional.of(total.setScale(2, RoundingMode.UNNECESSARY));
        }
        int count = slices.size(); // the configured count, or more if it was lowered since
        short target = slices.stream().anyMatch(s -> s.slice() == slice)
                ? (short) slice
                : slices.get(0).slice();
        BigDecimal headroom = limit.subtract(total).subtract(amount);
        BigDecimal share = headroom.divide(BigDecimal.valueOf(count), 2, RoundingMode.DOWN);
        BigDecimal rest = headroom.subtract(share.multiply(BigDecimal.valueOf(count)));
        Short[] ids = new Short[count];
        BigDecimal[] newExposure = new BigDecimal[count];
        BigDecimal[] allowance = new BigDecimal[count];
        for (int i = 0; i < count; i++) {
            Slice s = slices.get(i);
            boolean taking = s.slice() == target;
            ids[i] = s.slice();
            newExposure[i] = taking ? s.exposure().add(amount) : s.exposure();
            allowance[i] = newExposure[i].add(share).add(taking ? rest : BigDecimal.ZERO);
        }
        jdbc.update(
                """
                UPDATE orders.client_exposure e SET exposure = s.exposure, allowance = s.allowance, split_of = ?
                  FROM unnest(?::smallint[], ?::numeric[], ?::numeric[]) AS s(slice, exposure, allowance)
                 WHERE e.client_id = ? AND e.slice = s.slice""",
                limit,
                new Jdbc.SqlArray("int2", ids),
                new Jdbc.SqlArray("numeric", newExposure),
                new Jdbc.SqlArray("numeric", allowance),
                clientId);
        return Optional.empty();
    }

    private int slices() {
        return Math.max(1, config.creditSlices()); // fewer than one would be no credit at all
    }

    /** The client's exposure as last committed, without locking: the sum of its slices. */
    public BigDecimal current(UUID clientId) {
        return jdbc.one(
                        "SELECT coalesce(sum(exposure), 0) FROM orders.client_exposure WHERE client_id = ?",
                        rs -> rs.getBigDecimal(1),
                        clientId)
                .orElseThrow()
                .setScale(2, RoundingMode.UNNECESSARY);
    }

    /**
     * Takes an order's total off the exposure (cancelled or delivered): from the one slice with the most
     * exposure when it holds the whole amount, else spread over the slices, all locked in slice order.
     */
    public void subtract(UUID clientId, BigDecimal amount) {
        int one = jdbc.update("""
                UPDATE orders.client_exposure SET exposure = exposure - ?
                 WHERE client_id = ? AND exposure >= ?
                   AND slice = (SELECT slice FROM orders.client_exposure WHERE client_id = ? AND exposure >= ?
                                 ORDER BY exposure DESC LIMIT 1)""", amount, clientId, amount, clientId, amount);
        if (one == 1) {
            return;
        }
        List<Slice> slices = locked(clientId);
        if (slices.isEmpty()) {
            return; // nothing was ever taken (an order from before exposure was kept)
        }
        BigDecimal left = amount;
        List<Short> ids = new ArrayList<>();
        List<BigDecimal> values = new ArrayList<>();
        for (int i = 0; i < slices.size() && left.signum() > 0; i++) {
            Slice s = slices.get(i);
            BigDecimal off = s.exposure().min(left);
            left = left.subtract(off);
            ids.add(s.slice());
            values.add(s.exposure().subtract(off));
        }
        if (left.signum() > 0) {
            throw new IllegalStateException("credit exposure of client " + clientId + " would fall below zero");
        }
        jdbc.update("""
                UPDATE orders.client_exposure e SET exposure = s.exposure
                  FROM unnest(?::smallint[], ?::numeric[]) AS s(slice, exposure)
                 WHERE e.client_id = ? AND e.slice = s.slice""", Jdbc.array("int2", ids), Jdbc.array("numeric", values), clientId);
    }

    private record Slice(short slice, BigDecimal exposure) {}

    /** Every slice of the client, locked in slice order (the lock order everywhere). */
    private List<Slice> locked(UUID clientId) {
        return jdbc.list(
                "SELECT slice, exposure FROM orders.client_exposure WHERE client_id = ? ORDER BY slice FOR UPDATE",
                rs -> new Slice(rs.getShort(1), rs.getBigDecimal(2)),
                clientId);
    }
}
