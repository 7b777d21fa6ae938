package testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Free TCP ports for servers a test starts, so two test runs on one machine do not collide. */
public final class Ports {

    private Ports() {}

    /**
     * A free port picked once per JVM under {@code name} and then the same on every call, whichever class
     * loader asks (Quarkus loads a test class and its profile in different ones).
     */
    public static synchronized int named(String name) {
        String key = "qm.test.port." + name;
        String known = System.getProperty(key);
        if (known == null) {
            known = String.valueOf(free());
            System.setProperty(key, known);
        }
        return Integer.parseInt(known);
    }

    /** A port nothing listens on right now (the OS picks it). */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
