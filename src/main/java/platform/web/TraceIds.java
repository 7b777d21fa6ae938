package platform.web;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The trace id of the current request, so that a problem answer can be matched with the server's log
 * lines and trace: OpenTelemetry's (which continues the caller's W3C {@code traceparent}), or, where no
 * span is active, the caller's {@code traceparent} trace id or a fresh random one.
 */
public final class TraceIds {

    private static final String KEY = "quartermaster.traceId";
    private static final Pattern TRACEPARENT = Pattern.compile("^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TraceIds() {}

    public static String of(RoutingContext rc) {
        if (rc == null) {
            SpanContext span = Span.current().getSpanContext();
            return span.isValid() ? span.getTraceId() : random();
        }
        String id = rc.get(KEY);
        if (id == null) {
            SpanContext span = Span.current().getSpanContext();
            if (span.isValid()) {
                rc.put(KEY, span.getTraceId());
                return span.getTraceId();
            }
            String header = rc.request().getHeader("traceparent");
            var m = header == null ? null : TRACEPARENT.matcher(header);
            id = m != null && m.matches() ? m.group(1) : random();
            rc.put(KEY, id);
        }
        return id;
    }

    private static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
