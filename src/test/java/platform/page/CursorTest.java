package platform.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import platform.error.DomainException;

class CursorTest {

    @Test
    void roundTripsToTheMicrosecond() {
        Cursor cursor = new Cursor(Instant.parse("2026-11-26T12:00:00.123456Z"), UUID.randomUUID());
        assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void refusesTokensItDidNotIssue() {
        assertThatThrownBy(() -> Cursor.decode("not base64 !")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> Cursor.decode("djI6MTI6YWJj")).isInstanceOf(DomainException.class);
    }

    @Test
    void pageRequestDefaultsAndBounds() {
        assertThat(PageRequest.of(null, null).limit()).isEqualTo(50);
        assertThat(PageRequest.of("200", "").limit()).isEqualTo(200);
        assertThatThrownBy(() -> PageRequest.of("0", null)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> PageRequest.of("201", null)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> PageRequest.of("1.5", null)).isInstanceOf(DomainException.class);
    }
}
