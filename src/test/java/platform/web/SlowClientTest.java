package platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Slow clients (issue #10 item 16): a connection that stops sending in the middle of its request head is
 * closed after the idle time-out. The profile shortens it so that the test is quick; the production values
 * (idle time-out, connection limit) are checked separately.
 */
@QuarkusTest
@TestProfile(SlowClientTest.ShortLimits.class)
class SlowClientTest {

    /** A 3-second idle time-out. */
    public static class ShortLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", "3S");
        }
    }

    private static Socket connect() throws IOException {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        return socket;
    }

    /** Whether the server closed the connection before {@code within}. */
    private static boolean closedWithin(Socket socket, Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        InputStream in = socket.getInputStream();
        try {
            while (in.read() != -1) {
                // an answer (400/408) may come first; the close is what counts
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) { // reset by the server
            return true;
        }
    }

    @Test
    void aRequestHeadThatStopsHalfWayIsClosedAfterTheIdleTimeOut() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream()
                    .write("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
                            .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            long start = System.nanoTime();
            assertThat(closedWithin(socket, Duration.ofSeconds(20))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void productionClosesIdleConnectionsWithinTwoMinutesAndBoundsConnections() throws IOException {
        Properties properties = new Properties();
        try (var in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        }
        assertThat(Duration.parse("PT" + properties.getProperty("quarkus.http.idle-timeout", "30M")))
                .isLessThanOrEqualTo(Duration.ofMinutes(2));
        assertThat(properties.getProperty("quarkus.http.limits.max-connections"))
                .isNotBlank();
    }
}
