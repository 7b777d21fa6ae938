package integration.internal.webhooks;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.tracing.TracingPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * POSTs to a {@link TargetPolicy.Target} over exactly the address that was checked: Vert.x connects to
 * {@code target.address()} given as an IP literal (nothing is resolved at connect time), while the Host
 * header, the TLS server name and the certificate's host name check use the URL's host name. Redirects
 * are not followed. Blocks the calling (worker) thread until the answer or the time-out.
 */
final class PinnedHttp implements AutoCloseable {

    private final HttpClient client;

    PinnedHttp(Vertx vertx, Duration timeout) {
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setVerifyHost(true)
                .setTracingPolicy(TracingPolicy.IGNORE) // the sender makes its own client span
                .setMaxPoolSize(8));
    }

    /** The answer's status code; the body is read and dropped. */
    int post(TargetPolicy.Target target, Map<String, String> headers, String body, Duration timeout) throws Exception {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(
                        target.port(), target.address().getHostAddress()))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.https())
                .setURI(target.requestUri())
                .setFollowRedirects(false)
                .setConnectTimeout(timeout.toMillis())
                .setIdleTimeout(timeout.toMillis());
        headers.forEach(options::putHeader);
        try {
            return client.request(options)
                    .compose(request -> request.send(Buffer.buffer(body)))
                    .compose(response -> {
                        response.handler(chunk -> {});
                        return response.end().map(done -> response.statusCode());
                    })
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e; // the connection's own failure
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
