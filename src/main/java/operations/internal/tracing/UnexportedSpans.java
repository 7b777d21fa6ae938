package operations.internal.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.inject.Singleton;
import java.util.Collection;

/**
 * Keeps spans in the process while no OTLP endpoint is configured: with this exporter present Quarkus
 * creates no OTLP exporter, which would otherwise send to its default, localhost:4317, and warn on every
 * batch. It steps aside (is not looked up) once {@code quarkus.otel.exporter.otlp.endpoint} is set to
 * anything but that default (for a collector beside the instance, write {@code http://127.0.0.1:4317}).
 * Trace and span ids are made either way, for the logs and problem answers.
 */
@Singleton
@Unremovable // found by Quarkus through Instance<SpanExporter>, injected nowhere
@LookupIfProperty(name = "quarkus.otel.exporter.otlp.endpoint", stringValue = UnexportedSpans.QUARKUS_DEFAULT)
public class UnexportedSpans implements SpanExporter {

    /** What Quarkus puts in {@code quarkus.otel.exporter.otlp.endpoint} when nobody set it. */
    static final String QUARKUS_DEFAULT = "http://localhost:4317/";

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return CompletableResultCode.ofSuccess();
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
