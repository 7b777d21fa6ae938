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
