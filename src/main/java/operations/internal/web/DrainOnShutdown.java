package operations.internal.web;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import platform.web.Problem;
import platform.web.TraceIds;

/**
 * Lets an instance drain on SIGTERM. Quarkus keeps serving during the shutdown delay (readiness is DOWN,
 * so load balancers move away) and then waits for the requests in flight, but it still accepts new
 * ones while it waits: a client that keeps sending straight to the instance keeps that count above
 * zero until the shutdown timeout cuts every request then in flight, committed or not. From the end of
 * the delay on, a new request is answered at once with 503 {@code unavailable} ({@code retryable},
 * {@code Retry-After: 1}, connection closed), so the requests in flight finish and the instance stops
 * as soon as they have.
 */
@ApplicationScoped
public class DrainOnShutdown {

    private final long delayNanos;
    private volatile boolean stopping;
    private volatile long refuseFrom;

    DrainOnShutdown(
            @ConfigProperty(name = "quarkus.shutdown.delay-enabled", defaultValue = "false") boolean delayEnabled,
            @ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> delay) {
        this.delayNanos = delayEnabled ? delay.orElse(Duration.ZERO).toNanos() : 0;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::refuseWhenDraining);
    }

    /** A JVM shutdown hook runs at SIGTERM, beside Quarkus' own, and marks when draining starts. */
    void watch(@Observes StartupEvent event) {
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdownBegins, "drain-on-shutdown"));
    }

    void shutdownBegins() {
        refuseFrom = System.nanoTime() + delayNanos;
        stopping = true;
    }

    void refuseWhenDraining(RoutingContext rc) {
        if (!stopping || System.nanoTime() - refuseFrom < 0) {
            rc.next();
            return;
        }
        String body = "{\"type\":\"https://quartermaster.dev/problems/unavailable\",\"title\":\"Service unavailable\","
                + "\"status\":503,\"detail\":\"This instance is shutting down; retry, another one will answer\","
                + "\"instance\":\"" + JsonStrings.escape(rc.request().path())
                + "\",\"code\":\"unavailable\",\"retryable\":true,\"traceId\":\"" + TraceIds.of(rc) + "\"}";
        rc.response()
                .setStatusCode(503)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.RETRY_AFTER, "1")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }
}
