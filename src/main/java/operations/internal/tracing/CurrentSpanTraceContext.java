package operations.internal.tracing;

import io.opentelemetry.api.trace.Span;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import operations.EventSpans;
import platform.outbox.TraceContext;

/**
 * The trace context of the events being written is the current OpenTelemetry span: the request's server
 * span (which continues the caller's {@code traceparent}), or the span a background job opened for its
 * work. Written without a span (tracing off), events carry none.
 */
@ApplicationScoped
class CurrentSpanTraceContext implements TraceContext {

    @Override
    public Optional<String> traceparent() {
        return Optional.ofNullable(EventSpans.traceparent(Span.current()));
    }
}
