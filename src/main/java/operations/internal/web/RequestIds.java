package operations.internal.web;

import io.quarkus.vertx.core.runtime.VertxMDC;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id, logged as {@code requestId} on each of its log lines and answered as
 * {@code X-Request-Id}, so an operator can find one request in the logs of many instances. A load
 * balancer's id (HAProxy {@code unique-id}) is kept when it looks like an id; anything else is replaced.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::assign);
    }

    void assign(RoutingContext rc) {
        String given = rc.request().getHeader(HEADER);
        String id = given != null && SAFE.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString();
        VertxMDC.INSTANCE.put(MDC_KEY, id);
        rc.response().putHeader(HEADER, id);
        rc.next();
    }
}
