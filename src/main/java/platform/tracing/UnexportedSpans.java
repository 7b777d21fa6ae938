package platform.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.inject.Singleton;
import java.util.Collection;

/**
 * Keeps spans in the process while no OTLP endpoint is configured: with this exporter present Quarkus
 * creates no OTLP exporter, which would otherwise send to localhost:4317 and warn on every batch. It
 * steps aside (is not looked up) as soon as {@code quarkus.otel.exporter.otlp.endpoint} is set, unless
 * it is set to {@code none}. Trace and span ids are made either way, for the logs and problem answers.
 */
@Singleton
@LookupIfProperty(name = "quarkus.otel.exporter.otlp.endpoint", stringValue = "none", lookupIfMissing = true)
public class UnexportedSpans implements SpanExporter {

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
