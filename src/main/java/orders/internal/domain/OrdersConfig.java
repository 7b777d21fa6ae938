package orders.internal.domain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits and background work of the orders module. */
@ConfigMapping(prefix = "quartermaster.orders")
public interface OrdersConfig {

    /** Most lines one order may have. */
    @WithDefault("10000")
    int maxLines();

    /** Most orders one batch may hold. */
    @WithDefault("1000")
    int maxBatchOrders();

    /**
     * Credit slices per client (ADR 0053): one client's orders on different slices take credit without
     * waiting for each other; the headroom left under the limit is split over them.
     */
    @WithDefault("16")
    int creditSlices();

    /** How long an idempotency key and its answer are kept. */
    @WithDefault("PT24H")
    Duration idempotencyRetention();

    /** An in-flight idempotency key older than this is taken to belong to a request that died. */
    @WithDefault("PT5M")
    Duration idempotencyInFlightTimeout();

    /** Batch worker threads per instance; 0 disables batch processing on this instance. */
    @WithDefault("2")
    int batchWorkers();

    /** How long an idle batch worker waits before looking for work again. */
    @WithDefault("PT0.5S")
    Duration batchPollInterval();

    /**
     * On shutdown, how long the batch workers may take to finish the order each is placing; a worker
     * still busy after that is interrupted and its order rolls back, queued for the next instance.
     */
    @WithDefault("PT10S")
    Duration batchStopGrace();

    /** How long a quote holds its stock unless accepted or cancelled first. */
    @WithDefault("PT72H")
    Duration quoteHoldDuration();

    /** Most quotes one run of the expiry job expires in one transaction. */
    @WithDefault("500")
    int quoteExpiryBatch();
}
