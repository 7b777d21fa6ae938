package operations.internal.metrics;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricsScrapePolicyTest {

    @Test
    void refusesToStartWithAShortScrapeCredential() {
        assertThatIllegalStateException()
                .isThrownBy(() -> new MetricsScrapePolicy(() -> Optional.of("prometheus")))
                .withMessageContaining("at least 32");
    }

    @Test
    void startsWithoutOneOrWithALongOne() {
        assertThatNoException().isThrownBy(() -> new MetricsScrapePolicy(Optional::empty));
        assertThatNoException()
                .isThrownBy(() -> new MetricsScrapePolicy(() -> Optional.of("0123456789abcdef0123456789abcdef")));
    }
}
