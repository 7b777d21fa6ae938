package operations.internal.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import platform.web.Problem;
import platform.web.TraceIds;

/**
 * Refuses a body announced larger than {@code quarkus.http.limits.max-body-size} with a 413 problem
 * document before reading it. (The HTTP layer would refuse it too, but with an empty body.)
 */
@ApplicationScoped
public class BodyLimitFilter {

    private final long limit;

    BodyLimitFilter(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        this.limit = limit.asLongValue();
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::limitBody);
    }

    void limitBody(RoutingContext rc) {
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long announced;
            try {
                announced = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                announced = Long.MAX_VALUE;
            }
            if (announced > limit) {
                String body =
                        "{\"type\":\"https://quartermaster.dev/problems/payload_too_large\",\"title\":\"Payload too large\","
                                + "\"status\":413,\"detail\":\"The request body is larger than " + limit
                                + " bytes\",\"instance\":\""
                                + JsonStrings.escape(rc.request().path())
                                + "\",\"code\":\"payload_too_large\",\"traceId\":\""
                                + TraceIds.of(rc) + "\"}";
                rc.response()
                        .setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(body);
                return;
            }
        }
        rc.next();
    }
}
