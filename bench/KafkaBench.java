import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Commit -> Kafka consumer latency for stock events, run by bench/kafka-latency.sh. */
public class KafkaBench {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Pattern UPDATED = Pattern.compile("\"updatedAt\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = token(base, args[1], args[2]);
        String bootstrap = args[3];
        int changes = Integer.parseInt(args[4]);
        post(base + "/v1/products", token, "{\"sku\":\"KLAT-1\",\"name\":\"Kafka latency\",\"unitPrice\":\"1.00\"}", 201);

        List<Double> latencies = new CopyOnWriteArrayList<>();
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        Thread reader = new Thread(() -> {
            Properties p = new Properties();
            p.put("bootstrap.servers", bootstrap);
            p.put("group.id", "bench-" + UUID.randomUUID());
            p.put("auto.offset.reset", "latest");
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("quartermaster.stock"));
                while (!stop.get()) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                        Instant now = Instant.now();
                        Matcher m = UPDATED.matcher(r.value());
                        if (measuring.get() && "KLAT-1".equals(r.key()) && m.find()) {
                            latencies.add(Duration.between(Instant.parse(m.group(1)), now).toNanos() / 1e6);
                        }
                    }
                }
            }
        });
        reader.start();
        String body = "{\"adjustments\":[{\"sku\":\"KLAT-1\",\"delta\":1,\"reason\":\"restock\"}]}";
        for (int i = 0; i < 50; i++) { // warm-up, and lets the consumer join its group
            post(base + "/v1/inventory/adjustments", token, body, 200);
            Thread.sleep(40);
        }
        Thread.sleep(3000);
        measuring.set(true);
        for (int i = 0; i < changes; i++) {
            post(base + "/v1/inventory/adjustments", token, body, 200);
            Thread.sleep(5);
        }
        Thread.sleep(3000);
        stop.set(true);
        reader.join();
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            System.out.println("no records consumed");
            return;
        }
        System.out.printf("commit -> Kafka consumer: %d of %d changes, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", sorted.size(),
                changes, sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.99)), sorted.get(sorted.size() - 1));
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
