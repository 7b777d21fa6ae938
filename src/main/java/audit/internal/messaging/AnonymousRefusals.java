package audit.internal.messaging;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;
import platform.audit.AnonymousRefusal;
import platform.audit.AuditWriter;

/**
 * Refusals of callers without a valid token (401) are counted per remote address and written once a
 * minute ({@code quartermaster.audit.anonymous-refusal-interval}) as one entry per address with its count, so anonymous requests cannot grow the append-only
 * audit log one row each. At most {@value #MAX_ADDRESSES} addresses per minute get an entry of their own;
 * the rest are summed into one entry for {@code other addresses}. Refusals of authenticated callers are
 * still recorded one by one.
 */
@ApplicationScoped
public class AnonymousRefusals {

    static final int MAX_ADDRESSES = 100;
    public static final String ACTION = "authorization.refused.anonymous";
    private static final Logger LOG = Logger.getLogger(AnonymousRefusals.class);

    private final AuditWriter audit;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final AtomicLong overflow = new AtomicLong();
    private final Map<String, Boolean> overflowAddresses = new ConcurrentHashMap<>();

    AnonymousRefusals(AuditWriter audit) {
        this.audit = audit;
    }

    /** The kernel's problem mappers report each refusal through {@link AuditWriter#countAnonymousRefusal}. */
    void on(@Observes AnonymousRefusal refusal) {
        count(refusal.address());
    }

    /** Counts one anonymous refusal from {@code address}. */
    public void count(String address) {
        LongAdder adder = counts.get(address);
        if (adder == null && counts.size() >= MAX_ADDRESSES) {
            overflow.incrementAndGet();
            if (overflowAddresses.size() < 100_000) {
                overflowAddresses.put(address, Boolean.TRUE);
            }
            return;
        }
        counts.computeIfAbsent(address, a -> new LongAdder()).increment();
    }

    @Scheduled(
            identity = "anonymous-refusals",
            every = "${quartermaster.audit.anonymous-refusal-interval:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void flushInBackground() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warnf(e, "cannot record anonymous refusals");
        }
    }

    /** Writes one entry per address counted since the last flush (and one for the overflow). */
    public void flush() {
        for (String address : counts.keySet()) {
            LongAdder adder = counts.remove(address);
            if (adder != null && adder.sum() > 0) {
                audit.recordRefusal(ACTION, address, Map.of("count", adder.sum()), "anonymous", null);
            }
        }
        long others = overflow.getAndSet(0);
        if (others > 0) {
            int addresses = overflowAddresses.size();
            overflowAddresses.clear();
            audit.recordRefusal(
                    ACTION, "other addresses", Map.of("count", others, "addresses", addresses), "anonymous", null);
        }
    }
}
