// Reads a JFR recording (bench/order-profile.sh): its last N seconds of CPU samples by library and socket reads by port and calling application method.
// java bench/JfrProfile.java <recording.jfr> <seconds>
import java.nio.file.Path;
import java.time.Instant;
import java.util.*;
import jdk.jfr.consumer.*;

/** Aggregates a JFR recording's last N seconds: execution samples by category / app frame, socket reads by port and app frame. */
public class JfrProfile {
    public static void main(String[] a) throws Exception {
        List<RecordedEvent> all = RecordingFile.readAllEvents(Path.of(a[0]));
        double window = Double.parseDouble(a[1]);
        Instant end = all.stream().map(RecordedEvent::getStartTime).max(Comparator.naturalOrder()).get();
        Instant from = end.minusMillis((long) (window * 1000));
        Map<String, long[]> reads = new TreeMap<>();
        Map<String, Integer> cats = new HashMap<>(), app = new HashMap<>();
        int samples = 0;
        String[][] rules = {{"jdbc (pgjdbc)", "org.postgresql"}, {"json (jackson)", "com.fasterxml.jackson"}, {"tokens/crypto", "jose4j"}, {"tokens/crypto", "smallrye.jwt"}, {"tokens/crypto", "javax.crypto"}, {"tokens/crypto", "sun.security"}, {"validation", "hibernate.validator"}, {"redis", "redis"}, {"transactions (narayana)", "arjuna"}, {"connection pool (agroal)", "agroal"}, {"opentelemetry", "opentelemetry"}, {"micrometer", "micrometer"}, {"http (vert.x/netty)", "io.netty"}, {"http (vert.x/netty)", "io.vertx"}, {"rest (resteasy)", "resteasy"}, {"cdi (arc)", "io.quarkus.arc"}};
        for (RecordedEvent e : all) {
            if (e.getStartTime().isBefore(from)) continue;
            String type = e.getEventType().getName();
            List<RecordedFrame> frames = e.getStackTrace() == null ? List.of() : e.getStackTrace().getFrames();
            String appFrame = "-";
            for (RecordedFrame f : frames) {
                String n = f.getMethod().getType().getName();
                if (n.matches("^(orders|inventory|platform|tenancy|audit|integration|security|catalog)\\..*") ) { appFrame = n.replaceAll("\\$\\$.*", "") + "." + f.getMethod().getName(); break; }
            }
            if (type.equals("jdk.ExecutionSample")) {
                samples++;
                String cat = "other (JDK, app code)";
                outer:
                for (int i = 0; i < Math.min(14, frames.size()); i++) {
                    String n = frames.get(i).getMethod().getType().getName();
                    for (String[] r : rules) if (n.contains(r[1])) { cat = r[0]; break outer; }
                }
                cats.merge(cat, 1, Integer::sum);
                app.merge(appFrame, 1, Integer::sum);
            } else if (type.equals("jdk.SocketRead")) {
                int port = e.getInt("port");
                String key = port + " " + appFrame;
                long[] v = reads.computeIfAbsent(key, k -> new long[2]);
                v[0]++; v[1] += e.getDuration().toNanos();
            }
        }
        final int ns = samples; System.out.println("execution samples in the last " + window + " s: " + samples);
        cats.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).forEach(x -> System.out.printf("  %5.1f %% %s%n", 100.0 * x.getValue() / ns, x.getKey()));
        System.out.println("  by innermost application frame:");
        app.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(12).forEach(x -> System.out.printf("  %5.1f %% %s%n", 100.0 * x.getValue() / ns, x.getKey()));
        System.out.println("socket reads (port, application frame): count, total ms");
        reads.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1])).limit(30).forEach(x -> System.out.printf("  %7d %9.1f ms  %s%n", x.getValue()[0], x.getValue()[1] / 1e6, x.getKey()));
    }
}
