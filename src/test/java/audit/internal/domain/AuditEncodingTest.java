package audit.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue #10, item 10: the line-feed encoding of ADR 0014 lets content move between fields (and null equal
 * empty) without changing the hash; the length-prefixed encoding of new entries does not.
 */
class AuditEncodingTest {

    private static final UUID ID = UUID.fromString("7d3f1c2e-9a4b-4c1d-8e2f-0a1b2c3d4e5f");
    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 12, 1, 12, 0, 0, 0, ZoneOffset.UTC);

    private static AuditChain.Entry entry(String actor, String traceId, String subject) {
        return new AuditChain.Entry(7, ID, AT, actor, null, traceId, "client.updated", subject, "{}");
    }

    @Test
    void contentShiftedBetweenFieldsCollidesInTheOldEncodingOnly() {
        AuditChain.Entry honest = entry("x\n", "y", "s");
        AuditChain.Entry shifted = entry("x", "\ny", "s"); // the line feed moved from actor to traceId
        byte[] previous = AuditChain.GENESIS;

        assertThat(shifted.hash(previous, 1)).isEqualTo(honest.hash(previous, 1));
        assertThat(shifted.hash(previous, 2)).isNotEqualTo(honest.hash(previous, 2));
    }

    @Test
    void nullAndEmptyAreTheSameInTheOldEncodingOnly() {
        AuditChain.Entry none = entry(null, null, null);
        AuditChain.Entry empty = entry("", "", "");

        assertThat(empty.hash(AuditChain.GENESIS, 1)).isEqualTo(none.hash(AuditChain.GENESIS, 1));
        assertThat(empty.hash(AuditChain.GENESIS, 2)).isNotEqualTo(none.hash(AuditChain.GENESIS, 2));
    }

    @Test
    void newEntriesUseTheLengthPrefixedEncoding() {
        assertThat(AuditChain.ENCODING).isEqualTo(2);
        byte[] encoded = entry("a", null, "s").lengthPrefixed();
        // the tag first: 4-byte length 10, then "qm-audit-2"
        assertThat(encoded[3]).isEqualTo((byte) 10);
        assertThat(new String(encoded, 4, 10, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("qm-audit-2");
    }
}
