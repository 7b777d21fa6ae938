package inventory;

import inventory.internal.domain.PricingRepository;
import inventory.internal.domain.StockRepository;
import inventory.internal.domain.StockService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The inventory module's entry point for other modules. Reservation, release and consumption run
 * inside the caller's transaction (an order and its reservation commit together or not at all), each
 * as set-based statements that lock rows in SKU order, so they are safe under any concurrency and
 * across instances.
 */
@ApplicationScoped
public class InventoryApi {

    private final StockService stock;
    private final StockRepository levels;
    private final PricingRepository pricing;

    InventoryApi(StockService stock, StockRepository levels, PricingRepository pricing) {
        this.stock = stock;
        this.levels = levels;
        this.pricing = pricing;
    }

    /** Reserves every line or none; a refusal lists every short line and every unknown SKU. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Reservation reserveAllOrNothing(List<StockRequest> lines, String actor) {
        return stock.reserveAllOrNothing(lines, actor);
    }

    /**
     * Reserves every line or none for an order, at {@code location} or (null) where the allocator chooses: one
     * location that can serve every line, else per line by location rank (ADR 0052). Where the units were
     * taken is recorded, so release and consume return exactly those. An unknown or inactive location is a
     * 400 problem ({@code unknown_location} at {@code /location}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Reservation reserveAllOrNothing(UUID order, String location, List<StockRequest> lines, String actor) {
        return stock.reserveAllOrNothing(order, location, lines, actor);
    }

    /** Holds every line or none for a quote, at {@code location} or where the allocator chooses (ADR 0052). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Reservation holdAllOrNothing(UUID quote, String location, List<StockRequest> lines, String actor) {
        return stock.holdAllOrNothing(quote, location, lines, actor);
    }

    /** Releases the holds of several quotes where each holds them, in one pass over the stock rows. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void releaseHolds(java.util.Map<UUID, List<StockRequest>> byQuote, String actor) {
        stock.releaseHolds(byQuote, actor);
    }

    /** Turns a quote's holds into an order's reservation at the same locations (quote accepted). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void convertHold(UUID quote, UUID order, List<StockRequest> lines, String actor) {
        stock.convertHold(quote, order, lines, actor);
    }

    /** As {@link #reserveOrBackorder(UUID, UUID, List, String)}, reserving only at {@code location} when named. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Backordering reserveOrBackorder(
            UUID orderId, UUID clientId, String location, List<StockRequest> lines, String actor) {
        return stock.reserveOrBackorder(orderId, clientId, location, lines, actor);
    }

    /** Releases an order's reservations where they are reserved. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(UUID order, List<StockRequest> lines, String actor) {
        stock.release(order, lines, actor);
    }

    /** Consumes an order's reservations (shipment) at the locations where they are reserved. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void consume(UUID order, List<StockRequest> lines, String actor) {
        stock.consume(order, lines, actor);
    }

    /** Holds every line or none for a quote; a refusal lists every short line and every unknown SKU. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Reservation holdAllOrNothing(List<StockRequest> lines, String actor) {
        return stock.holdAllOrNothing(lines, actor);
    }

    /** Releases holds (quote cancelled or expired). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void releaseHold(List<StockRequest> lines, String actor) {
        stock.releaseHold(lines, actor);
    }

    /** Turns holds into reservations (quote accepted), in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void convertHold(List<StockRequest> lines, String actor) {
        stock.convertHold(lines, actor);
    }

    /**
     * Reserves what is available of every line and queues the rest as this order's backorders (ADR 0047);
     * refused, with nothing done, only when SKUs are unknown.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Backordering reserveOrBackorder(UUID orderId, UUID clientId, List<StockRequest> lines, String actor) {
        return stock.reserveOrBackorder(orderId, clientId, lines, actor);
    }

    /**
     * Releases a cancelled order's stock: its queued units leave the backorder queue, its reserved units go
     * back (first to other orders waiting for them).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void releaseOrder(UUID orderId, List<StockRequest> lines, String actor) {
        stock.releaseOrder(orderId, lines, actor);
    }

    /** Releases reservations (order cancelled). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(List<StockRequest> lines, String actor) {
        stock.release(lines, actor);
    }

    /** Consumes reservations on shipment: on-hand and reserved both go down. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void consume(List<StockRequest> lines, String actor) {
        stock.consume(lines, actor);
    }

    /**
     * Unit prices of any number of lines for one client in one query: contract tier, else list price less
     * {@code discountPercent}, half-even to cents; unknown and retired SKUs are flagged.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<LinePrice> price(UUID clientId, BigDecimal discountPercent, List<StockRequest> lines) {
        return pricing.price(clientId, discountPercent, lines);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<StockLevel> stockLevel(String sku) {
        return levels.find(sku);
    }
}
