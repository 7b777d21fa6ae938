package orders.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The lifecycle table of SPEC §5.5, and nothing more. */
class OrderStatusTest {

    private static String movesFrom(OrderStatus from) {
        return EnumSet.allOf(OrderStatus.class).stream()
                .filter(from::canMoveTo)
                .map(OrderStatus::value)
                .collect(Collectors.joining(","));
    }

    @Test
    void movesForwardOneStepAndCancelsOnlyBeforeShipping() {
        assertThat(movesFrom(OrderStatus.PENDING)).isEqualTo("processing,cancelled");
        assertThat(movesFrom(OrderStatus.PROCESSING)).isEqualTo("shipped,cancelled");
        assertThat(movesFrom(OrderStatus.SHIPPED)).isEqualTo("delivered");
        assertThat(movesFrom(OrderStatus.DELIVERED)).isEmpty();
        assertThat(movesFrom(OrderStatus.CANCELLED)).isEmpty();
    }

    @Test
    void readsOnlyTheWireValues() {
        assertThat(OrderStatus.parse("shipped")).contains(OrderStatus.SHIPPED);
        assertThat(OrderStatus.parse("SHIPPED")).isEmpty();
        assertThat(OrderStatus.parse(null)).isEmpty();
        assertThat(Priority.parse("urgent")).contains(Priority.URGENT);
        assertThat(Priority.parse("asap")).isEmpty();
    }
}
