package tenancy.internal.security;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Browsers cannot set headers on a WebSocket handshake, so a WebSocket upgrade may carry its bearer
 * token as {@code ?access_token=} instead; it is moved into the Authorization header before
 * authentication. Plain HTTP requests do not get this (tokens in URLs end up in logs).
 */
@ApplicationScoped
public class WebSocketQueryToken {

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 2).handler(this::move);
    }

    void move(RoutingContext rc) {
        var request = rc.request();
        String upgrade = request.getHeader(HttpHeaders.UPGRADE);
        if (upgrade != null
                && upgrade.equalsIgnoreCase("websocket")
                && request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
            String token = request.getParam("access_token");
            if (token != null && !token.isBlank()) {
                request.headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            }
        }
        rc.next();
    }
}
