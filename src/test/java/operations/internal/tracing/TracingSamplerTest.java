package operations.internal.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.List;
import org.junit.jupiter.api.Test;

class TracingSamplerTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final Attributes QUERY =
            Attributes.builder().put("db.system", "postgresql").build();

    private final TracingSampler sampler = new TracingSampler(1.0);

    @Test
    void dropsADatabaseStatementThatWouldStartATrace() {
        assertThat(decide(Context.root(), SpanKind.CLIENT, QUERY)).isEqualTo(SamplingDecision.DROP);
        assertThat(decide(Context.root(), SpanKind.INTERNAL, QUERY)).isEqualTo(SamplingDecision.DROP);
    }

    @Test
    void recordsDatabaseStatementsInsideARequestsTrace() {
        Context request = Context.root()
                .with(Span.wrap(SpanContext.create(
                        TRACE, "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault())));
        assertThat(decide(request, SpanKind.CLIENT, QUERY)).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    }

    @Test
    void startsTracesAtRequests() {
        assertThat(decide(Context.root(), SpanKind.SERVER, Attributes.empty()))
                .isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    }

    @Test
    void followsTheRatioForRoots() {
        assertThat(new TracingSampler(0.0)
                        .shouldSample(
                                Context.root(), TRACE, "GET /v1/orders", SpanKind.SERVER, Attributes.empty(), List.of())
                        .getDecision())
                .isEqualTo(SamplingDecision.DROP);
    }

    private SamplingDecision decide(Context parent, SpanKind kind, Attributes attributes) {
        return sampler.shouldSample(parent, TRACE, "SELECT inventory.stock_levels", kind, attributes, List.of())
                .getDecision();
    }
}
