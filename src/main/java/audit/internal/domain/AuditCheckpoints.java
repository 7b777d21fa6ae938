package audit.internal.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import platform.crypto.FieldCipher;

/**
 * Signed checkpoints of the chain head (ADR 0046): every {@code quartermaster.audit.checkpoint-interval}
 * on every instance, under the chainer's lock (so instances take turns and the head cannot move), the
 * chain length, the head's hash and the time are signed with HMAC-SHA256 under a key derived from the
 * active field-encryption key, stored (append-only) and written to the log. Nothing is published when the
 * head has not moved, nor when the chain no longer holds the previous checkpoint's head: a truncation is
 * never blessed by a later checkpoint. {@code GET /v1/audit/verify} compares the chain with the latest one.
 */
@ApplicationScoped
public class AuditCheckpoints {

    private static final Logger LOG = Logger.getLogger(AuditCheckpoints.class);
    static final String ALGORITHM = "HMAC-SHA256";
    private static final String PURPOSE = "audit-checkpoint";

    private final AuditRepository audit;
    private final AuditChain chain;
    private final FieldCipher keys;

    AuditCheckpoints(AuditRepository audit, AuditChain chain, FieldCipher keys) {
        this.audit = audit;
        this.chain = chain;
        this.keys = keys;
    }

    @Scheduled(
            identity = "audit-checkpoint",
            every = "${quartermaster.audit.checkpoint-interval:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void publishInBackground() {
        try {
            publish();
        } catch (RuntimeException e) {
            LOG.warnf(e, "cannot publish an audit checkpoint");
        }
    }

    /** Chains what is pending, then signs and stores a checkpoint of the head, if it moved. */
    public Optional<AuditRepository.Checkpoint> publish() {
        chain.chainAll();
        return QuarkusTransaction.requiringNew().call(() -> {
            audit.lockChain();
            var head = audit.last();
            if (head.isEmpty()) {
                return Optional.<AuditRepository.Checkpoint>empty();
            }
            long entries = head.get().entry().seq();
            byte[] headHash = head.get().hash();
            var previous = audit.latestCheckpoint();
            if (previous.isPresent()) {
                AuditRepository.Checkpoint p = previous.get();
                if (p.entries() == entries && MessageDigest.isEqual(p.headHash(), headHash)) {
                    return Optional.<AuditRepository.Checkpoint>empty(); // nothing new
                }
                Optional<byte[]> then = audit.hashAt(p.entries());
                if (then.isEmpty() || !MessageDigest.isEqual(then.get(), p.headHash())) {
                    LOG.errorf(
                            "audit chain no longer holds the head of checkpoint %d (%d entries): no new checkpoint"
                                    + " is published; GET /v1/audit/verify reports it",
                            p.seq(), p.entries());
                    return Optional.<AuditRepository.Checkpoint>empty();
                }
            }
            OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            String keyId = keys.activeKeyId();
            byte[] signature = keys.mac(keyId, PURPOSE, signedContent(entries, headHash, at))
                    .orElseThrow();
            var checkpoint = new AuditRepository.Checkpoint(
                    0, UUID.randomUUID(), at, entries, headHash, ALGORITHM, keyId, signature);
            audit.insertCheckpoint(checkpoint);
            LOG.infof(
                    "audit checkpoint entries=%d head=%s at=%s key=%s signature=%s",
                    entries,
                    HexFormat.of().formatHex(headHash),
                    at.toInstant(),
                    keyId,
                    HexFormat.of().formatHex(signature));
            return Optional.of(checkpoint);
        });
    }

    Optional<AuditRepository.Checkpoint> latest() {
        return audit.latestCheckpoint();
    }

    List<AuditRepository.Checkpoint> page(long afterSeq, int limit) {
        return audit.checkpoints(afterSeq, limit);
    }

    /** "ok", "bad_signature" or "unknown_key" (the key it names is no longer configured). */
    String signatureStatus(AuditRepository.Checkpoint c) {
        if (!ALGORITHM.equals(c.algorithm())) {
            return "bad_signature";
        }
        return keys.mac(c.keyId(), PURPOSE, signedContent(c.entries(), c.headHash(), c.at()))
                .map(expected -> MessageDigest.isEqual(expected, c.signature()) ? "ok" : "bad_signature")
                .orElse("unknown_key");
    }

    /** What is signed: a tag, the entry count, the head hash (hex) and the time, each length-prefixed. */
    static byte[] signedContent(long entries, byte[] headHash, OffsetDateTime at) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        for (String field : new String[] {
            "qm-audit-checkpoint-1",
            Long.toString(entries),
            HexFormat.of().formatHex(headHash),
            at.toInstant().toString()
        }) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }
}
