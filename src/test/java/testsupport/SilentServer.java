package testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A TCP server that accepts connections and never answers: a dependency that hangs, as a Redis under a
 * stalled disk or behind a broken network path does. Configures the Redis client to use it.
 */
public class SilentServer implements QuarkusTestResourceLifecycleManager {

    private ServerSocket server;
    private final List<Socket> accepted = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(
                () -> {
                    while (!server.isClosed()) {
                        try {
                            Socket socket = server.accept();
                            synchronized (accepted) {
                                accepted.add(socket);
                            }
                        } catch (IOException e) {
                            return;
                        }
                    }
                },
                "silent-server");
        acceptor.setDaemon(true);
        acceptor.start();
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + server.getLocalPort());
    }

    @Override
    public void stop() {
        if (server == null) { // never started: another resource of the same start failed first
            return;
        }
        try {
            server.close();
            synchronized (accepted) {
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
        } catch (IOException e) {
            // closing anyway
        }
    }
}
