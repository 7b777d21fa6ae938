package integration.internal.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DNS rebinding (issue #10, item 9): the host is resolved once, every address is checked, and the
 * connection goes to the checked address, never to whatever a second lookup would answer. The names
 * used here exist only in the test's resolver (.test is reserved), so a delivery can only arrive if the
 * connection used the pinned address; nothing leaves the loopback interface.
 */
class PinnedDeliveryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Vertx vertx;
    private HttpServer checked;
    private HttpServer rebound;
    private final ConcurrentLinkedQueue<String> hostsSeenByChecked = new ConcurrentLinkedQueue<>();
    private final AtomicInteger reachedRebound = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        checked = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        checked.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            hostsSeenByChecked.add(exchange.getRequestHeaders().getFirst("Host"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        checked.start();
        // the "private" address a rebinding answer points to: same port, another loopback address
        rebound = HttpServer.create(
                new InetSocketAddress("127.0.0.2", checked.getAddress().getPort()), 0);
        rebound.createContext("/", exchange -> {
            reachedRebound.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        rebound.start();
    }

    @AfterEach
    void stop() {
        checked.stop(0);
        rebound.stop(0);
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** Answers {@code first} once, then {@code later} for ever: a rebinding DNS server. */
    private static final class Rebinding implements TargetPolicy.Resolver {
        final AtomicInteger lookups = new AtomicInteger();
        final String first;
        final String later;

        Rebinding(String first, String later) {
            this.first = first;
            this.later = later;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            String answer = lookups.getAndIncrement() == 0 ? first : later;
            return new InetAddress[] {
                InetAddress.getByAddress(host, InetAddress.getByName(answer).getAddress())
            };
        }
    }

    @Test
    void theCheckHandsOverTheAddressItCheckedAndLooksUpOnce() {
        Rebinding dns = new Rebinding("93.184.216.34", "127.0.0.1");
        TargetPolicy strict = new TargetPolicy(false, false, dns);

        TargetPolicy.Decision decision = strict.check("https://hooks.partner.test/quartermaster?x=1");

        assertThat(decision.refusal()).isNull();
        assertThat(decision.target().address().getHostAddress()).isEqualTo("93.184.216.34");
        assertThat(decision.target().host()).isEqualTo("hooks.partner.test");
        assertThat(decision.target().port()).isEqualTo(443);
        assertThat(decision.target().requestUri()).isEqualTo("/quartermaster?x=1");
        assertThat(dns.lookups).hasValue(1);
        // the pinned address carries no name that a client could look up again
        assertThat(decision.target().address().toString()).startsWith("/");
        // the next delivery checks again, and the rebound answer is refused
        assertThat(strict.check("https://hooks.partner.test/quartermaster").refusal())
                .isEqualTo("the host resolves to a non-public address");
    }

    @Test
    void theDeliveryGoesToTheCheckedAddressWithTheHostNameInTheHostHeader() throws Exception {
        int port = checked.getAddress().getPort();
        Rebinding dns = new Rebinding("127.0.0.1", "127.0.0.2");
        TargetPolicy policy = new TargetPolicy(true, true, dns); // loopback allowed, as in the tests

        TargetPolicy.Decision decision = policy.check("http://rebind.partner.test:" + port + "/hook");
        assertThat(decision.refusal()).isNull();
        assertThat(dns.resolve("rebind.partner.test")[0].getHostAddress())
                .as("the name now points elsewhere")
                .isEqualTo("127.0.0.2");

        try (PinnedHttp http = new PinnedHttp(vertx, TIMEOUT)) {
            int status = http.post(
                    decision.target(), Map.of("Content-Type", "application/json"), "{\"ping\":true}", TIMEOUT);
            assertThat(status).isEqualTo(204);
        }
        assertThat(hostsSeenByChecked).containsExactly("rebind.partner.test:" + port);
        assertThat(reachedRebound).hasValue(0);
    }

    @Test
    void aNameThatDoesNotResolveIsRefusedBeforeAnyConnection() {
        TargetPolicy policy = new TargetPolicy(true, true, host -> {
            throw new UnknownHostException(host);
        });
        assertThat(policy.check("http://gone.partner.test/hook").refusal()).isEqualTo("the host does not resolve");
    }
}
