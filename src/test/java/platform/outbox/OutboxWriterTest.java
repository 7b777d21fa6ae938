package platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The trace context's form is checked once per statement in Java, no longer per row in PostgreSQL (ADR 0060). */
class OutboxWriterTest {

    private static final String VALID = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void aWellFormedTraceparentIsKept() {
        assertThat(OutboxWriter.wellFormed(Optional.of(VALID))).isEqualTo(VALID);
        assertThat(OutboxWriter.wellFormed(Optional.empty())).isNull();
    }

    @Test
    void aMalformedTraceparentIsWrittenAsNone() {
        assertThat(OutboxWriter.wellFormed(Optional.of(VALID.toUpperCase()))).isNull();
        assertThat(OutboxWriter.wellFormed(Optional.of(VALID + "0"))).isNull();
        assertThat(OutboxWriter.wellFormed(Optional.of(VALID.substring(1)))).isNull();
        assertThat(OutboxWriter.wellFormed(Optional.of(VALID.replace('-', '_'))))
                .isNull();
        assertThat(OutboxWriter.wellFormed(Optional.of("00-'; DROP TABLE platform.outbox; --")))
                .isNull();
        assertThat(OutboxWriter.wellFormed(Optional.of(""))).isNull();
    }
}
