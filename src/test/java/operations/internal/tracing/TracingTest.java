package operations.internal.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Catalog;
import testsupport.RecordedSpans;

/**
 * OpenTelemetry traces a request through HTTP and JDBC, continues the caller's W3C trace context, and
 * the problem answer names the same trace.
 */
@QuarkusTest
class TracingTest {

    @Inject
    RecordedSpans spans;

    @Test
    void aRequestIsTracedThroughHttpAndJdbcUnderTheCallersTrace() {
        String sku = Catalog.stocked("TRACE", "2.50", 5);
        String traceId = randomHex(16);
        String parentSpan = randomHex(8);
        Api.asOperator()
                .header("traceparent", "00-" + traceId + "-" + parentSpan + "-01")
                .get("/v1/inventory/" + sku)
                .then()
                .statusCode(200);

        List<SpanData> trace = await().atMost(Duration.ofSeconds(20))
                .until(() -> spans.ofTrace(traceId), t -> hasServerAndDatabaseSpans(t));
        SpanData server = trace.stream()
                .filter(s -> s.getKind() == SpanKind.SERVER)
                .findFirst()
                .orElseThrow();
        assertThat(server.getParentSpanId()).isEqualTo(parentSpan);
        assertThat(server.getAttributes().get(AttributeKey.stringKey("http.route")))
                .isEqualTo("/v1/inventory/{sku}");
        assertThat(server.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                .isEqualTo(200L);

        Map<String, SpanData> byId = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, s -> s));
        List<SpanData> queries = trace.stream().filter(TracingTest::isQuery).toList();
        assertThat(queries).isNotEmpty().allSatisfy(query -> {
            assertThat(query.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(descendsFrom(query, server, byId))
                    .as("under the HTTP span")
                    .isTrue();
        });
        assertThat(queries).anySatisfy(query -> assertThat(statement(query)).contains("inventory.stock_levels"));
    }

    @Test
    void aProblemAnswerCarriesTheTraceIdOfItsTrace() {
        String traceId = randomHex(16);
        String answered = Api.asOperator()
                .header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
                .get("/v1/inventory/NO-SUCH-SKU-" + randomHex(4))
                .then()
                .statusCode(404)
                .extract()
                .path("traceId");
        assertThat(answered).isEqualTo(traceId);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> spans.ofTrace(traceId).stream().anyMatch(s -> s.getKind() == SpanKind.SERVER));
    }

    @Test
    void backgroundPollingStartsNoTraceOfItsOwn() {
        Api.asOperator().get("/v1/products").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> !spans.all().isEmpty());
        assertThat(spans.all())
                .filteredOn(s -> !s.getParentSpanContext().isValid())
                .noneSatisfy(root -> assertThat(root.getAttributes().get(AttributeKey.stringKey("db.system")))
                        .isNotNull());
    }

    private static boolean hasServerAndDatabaseSpans(List<SpanData> trace) {
        return trace.stream().anyMatch(s -> s.getKind() == SpanKind.SERVER)
                && trace.stream().anyMatch(TracingTest::isQuery);
    }

    /** A statement sent to PostgreSQL (not the pool's getConnection span). */
    private static boolean isQuery(SpanData span) {
        return "postgresql".equals(span.getAttributes().get(AttributeKey.stringKey("db.system")))
                && statement(span) != null;
    }

    private static String statement(SpanData span) {
        String old = span.getAttributes().get(AttributeKey.stringKey("db.statement"));
        return old != null ? old : span.getAttributes().get(AttributeKey.stringKey("db.query.text"));
    }

    private static boolean descendsFrom(SpanData span, SpanData ancestor, Map<String, SpanData> byId) {
        SpanData current = span;
        for (int depth = 0; current != null && depth < 20; depth++) {
            if (current.getParentSpanId().equals(ancestor.getSpanId())) {
                return true;
            }
            current = byId.get(current.getParentSpanId());
        }
        return false;
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1; // never all zero
        return HexFormat.of().formatHex(b);
    }
}
