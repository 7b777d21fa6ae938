package testsupport;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The span exporter of the test application (a CDI {@link SpanExporter} replaces OTLP): keeps the most
 * recent spans in memory, bounded, so a test can assert what a request traced.
 */
@Singleton
public class RecordedSpans implements SpanExporter {

    private static final int KEEP = 20_000;
    private final Deque<SpanData> spans = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
        for (SpanData span : batch) {
            spans.addLast(span);
            if (size.incrementAndGet() > KEEP && spans.pollFirst() != null) {
                size.decrementAndGet();
            }
        }
        return CompletableResultCode.ofSuccess();
    }

    /** The recorded spans of one trace. */
    public List<SpanData> ofTrace(String traceId) {
        List<SpanData> found = new ArrayList<>();
        for (SpanData span : spans) {
            if (span.getTraceId().equals(traceId)) {
                found.add(span);
            }
        }
        return found;
    }

    /** Every recorded span, oldest first. */
    public List<SpanData> all() {
        return new ArrayList<>(spans);
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
