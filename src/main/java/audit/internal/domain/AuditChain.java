package audit.internal.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
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
 * the log. New entries are hashed over a length-prefixed encoding ({@link #ENCODING}, ADR 0046); entries
 * chained before it keep the line-feed encoding they were hashed with (encoding 1, ADR 0014).
 */
@ApplicationScoped
public class AuditChain {

    static final byte[] GENESIS = new byte[32];
    /** The encoding of new entries: length-prefixed fields. */
    static final int ENCODING = 2;

    private static final int BATCH = 1000;

    private final AuditRepository audit;

    AuditChain(AuditRepository audit) {
        this.audit = audit;
    }

    /** One stored entry, as hashed; {@code seq} is the pending position until the entry is chained. */
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

        /** SHA-256 of the previous hash and this entry's content in the given encoding. */
        byte[] hash(byte[] previous, int encoding) {
            byte[] content = switch (encoding) {
                case 1 -> lineFeedJoined();
                case 2 -> lengthPrefixed();
                default -> throw new IllegalArgumentException("unknown audit encoding " + encoding);
            };
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(previous);
                return sha.digest(content);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * Encoding 2: the tag {@code qm-audit-2}, then each field as a 4-byte big-endian length and its
         * UTF-8 bytes, length -1 for null. No content can move from one field into another.
         */
        byte[] lengthPrefixed() {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            field(out, "qm-audit-2");
            field(out, Long.toString(seq));
            field(out, id.toString());
            field(out, at.toInstant().toString());
            field(out, actor);
            field(out, tenantId == null ? null : tenantId.toString());
            field(out, traceId);
            field(out, action);
            field(out, subject);
            field(out, details);
            return out.toByteArray();
        }

        private static void field(ByteArrayOutputStream out, String value) {
            if (value == null) {
                out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
                return;
            }
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }

        /** Encoding 1 (ADR 0014): fields joined with line feeds, empty strings for nulls. Verification only. */
        byte[] lineFeedJoined() {
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
            return content.getBytes(StandardCharsets.UTF_8);
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
        long[] positions = new long[pending.size()];
        int i = 0;
        for (Entry p : pending) {
            positions[i++] = p.seq();
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
            byte[] hash = entry.hash(lastHash, ENCODING);
            chained.add(new AuditRepository.Chained(entry, lastHash, hash, ENCODING));
            lastHash = hash;
        }
        audit.append(chained);
        // the application may not delete pending entries; this removes only those now chained unchanged
        int removed = audit.forgetChained(positions);
        if (removed != pending.size()) {
            throw new IllegalStateException(
                    "the audit chainer removed " + removed + " of " + pending.size() + " pending entries");
        }
        return pending.size();
    }
}
