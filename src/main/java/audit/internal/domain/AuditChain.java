package audit.internal.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Moves committed entries from {@code audit_pending} into the hash chain of {@code audit_log}, one
 * chainer at a time across all instances (a transaction-level advisory lock), so concurrent writers can
 * never fork the chain and the hot path never waits for it. Runs every second, and before every read of
 * the log.
 */
@ApplicationScoped
public class AuditChain {

    static final byte[] GENESIS = new byte[32];
    private static final int BATCH = 1000;

    private final AuditRepository audit;

    AuditChain(AuditRepository audit) {
        this.audit = audit;
    }

    /** One stored entry, as hashed. */
    record Entry(
            long seq,
            UUID id,
            OffsetDateTime at,
            String actor,
            UUID tenantId,
            String traceId,
            String action,
            String subject,
            String details) {

        byte[] hash(byte[] previous) {
            String content = String.join(
                    "\n",
                    Long.toString(seq),
                    id.toString(),
                    at.toInstant().toString(),
                    nullToEmpty(actor),
                    tenantId == null ? "" : tenantId.toString(),
                    nullToEmpty(traceId),
                    action,
                    nullToEmpty(subject),
                    details);
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(previous);
                return sha.digest(content.getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String nullToEmpty(String s) {
            return s == null ? "" : s;
        }
    }

    @Scheduled(
            identity = "audit-chain",
            every = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void chainInBackground() {
        chainAll();
    }

    /** Chains everything committed so far; returns how many entries were added. */
    public int chainAll() {
        int total = 0;
        int moved;
        do {
            moved = QuarkusTransaction.requiringNew().call(this::chainBatch);
            total += moved;
        } while (moved == BATCH);
        return total;
    }

    private int chainBatch() {
        audit.lockChain();
        long lastSeq = 0;
        byte[] lastHash = GENESIS;
        var last = audit.last();
        if (last.isPresent()) {
            lastSeq = last.get().entry().seq();
            lastHash = last.get().hash();
        }
        List<Entry> pending = audit.takePending(BATCH);
        if (pending.isEmpty()) {
            return 0;
        }
        List<AuditRepository.Chained> chained = new ArrayList<>(pending.size());
        for (Entry p : pending) {
            Entry entry = new Entry(
                    ++lastSeq,
                    p.id(),
                    p.at(),
                    p.actor(),
                    p.tenantId(),
                    p.traceId(),
                    p.action(),
                    p.subject(),
                    p.details());
            byte[] hash = entry.hash(lastHash);
            chained.add(new AuditRepository.Chained(entry, lastHash, hash));
            lastHash = hash;
        }
        audit.append(chained);
        return pending.size();
    }
}
