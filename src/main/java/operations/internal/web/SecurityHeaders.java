package operations.internal.web;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Security headers on every answer (OWASP API8): no sniffing, no framing, no referrer, no caching of
 * API data unless an endpoint says otherwise, and HSTS over HTTPS.
 */
@ApplicationScoped
public class SecurityHeaders {

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::add);
    }

    void add(RoutingContext rc) {
        boolean ui = rc.request().path().startsWith("/q/swagger-ui")
                || rc.request().path().startsWith("/q/dev");
        boolean secure = rc.request().isSSL();
        rc.addHeadersEndHandler(v -> {
            MultiMap headers = rc.response().headers();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            if (!ui) {
                headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
            }
            if (!headers.contains("Cache-Control")) {
                headers.set("Cache-Control", "no-store");
            }
            if (secure) {
                headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
            }
        });
        rc.next();
    }
}
