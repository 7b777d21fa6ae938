import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stock change to WebSocket subscriber latency, run by bench/stream-latency.sh: one subscriber on the
 * instance that commits the change, one on a second instance; latency = arrival - the stock level's
 * "at" (set in the database by the change's UPDATE, so it includes the commit).
 */
public class StreamBench {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Pattern AT = Pattern.compile("\"at\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String a = args[0];
        String b = args[1];
        String operator = token(a, args[2], args[3]);
        int changes = Integer.parseInt(args[4]);
        post(a + "/v1/products", operator, "{\"sku\":\"LAT-1\",\"name\":\"Latency\",\"unitPrice\":\"1.00\"}", 201);
        List<Double> same = new CopyOnWriteArrayList<>();
        List<Double> other = new CopyOnWriteArrayList<>();
        WebSocket onA = subscribe(a, operator, same);
        WebSocket onB = subscribe(b, operator, other);
        Thread.sleep(1000);
        same.clear();
        other.clear();
        String body = "{\"adjustments\":[{\"sku\":\"LAT-1\",\"delta\":1,\"reason\":\"restock\"}]}";
        for (int i = 0; i < changes; i++) {
            post(a + "/v1/inventory/adjustments", operator, body, 200);
            Thread.sleep(5); // about 150 changes a second
        }
        Thread.sleep(2000);
        report("same instance ", same, changes);
        report("other instance", other, changes);
        onA.abort();
        onB.abort();
    }

    static WebSocket subscribe(String base, String token, List<Double> latencies) {
        WebSocket socket = HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(URI.create(base.replace("http://", "ws://") + "/v1/inventory/stream"), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            Instant now = Instant.now();
                            Matcher m = AT.matcher(partial);
                            if (m.find()) {
                                latencies.add(Duration.between(Instant.parse(m.group(1)), now).toNanos() / 1e6);
                            }
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).join();
        socket.sendText("{\"subscribe\":[\"LAT-1\"]}", true).join();
        return socket;
    }

    static void report(String label, List<Double> latencies, int changes) {
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            System.out.println(label + ": no messages");
            return;
        }
        System.out.printf("commit -> WebSocket subscriber, %s: %d of %d changes, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                label, sorted.size(), changes, sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.99)),
                sorted.get(sorted.size() - 1));
    }

    static void post(String url, String token, String body, int expected) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    static String token(String base, String id, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("no token: " + r.body());
        }
        return m.group(1);
    }
}
