package operations;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spans for the later stages of an event (the Kafka relay's publish, a webhook's delivery), children of
 * the trace context stored with the event, so that one trace spans the request and everything its events
 * caused. An event without a stored context gets no span: background polls start no traces.
 */
@ApplicationScoped
public class EventSpans {

    private static final Pattern TRACEPARENT = Pattern.compile("^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$");

    private final Tracer tracer;

    EventSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** A started span of {@code kind} under the event's stored {@code traceparent}, or none without one. */
    public Optional<Span> start(String traceparent, String name, SpanKind kind) {
        SpanContext parent = parse(traceparent);
        if (parent == null) {
            return Optional.empty();
        }
        return Optional.of(tracer.spanBuilder(name)
                .setParent(Context.root().with(Span.wrap(parent)))
                .setSpanKind(kind)
                .startSpan());
    }

    /** The W3C {@code traceparent} of a span, or null when the span is not valid. */
    public static String traceparent(Span span) {
        SpanContext c = span.getSpanContext();
        return c.isValid()
                ? "00-" + c.getTraceId() + "-" + c.getSpanId() + "-"
                        + c.getTraceFlags().asHex()
                : null;
    }

    static SpanContext parse(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        Matcher m = TRACEPARENT.matcher(traceparent);
        if (!m.matches()) {
            return null;
        }
        SpanContext c = SpanContext.createFromRemoteParent(
                m.group(1), m.group(2), TraceFlags.fromHex(m.group(3), 0), TraceState.getDefault());
        return c.isValid() ? c : null;
    }
}
