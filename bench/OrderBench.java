import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Order benchmarks over HTTP, run by bench/order-10k.sh and bench/order-throughput.sh.
 *   setup:      10,000 products T-0..T-9999 with 1,000,000 units each, 16 clients with credentials
 *   large:      median latency of one 10,000-line order (validate, price, reserve, commit)
 *   throughput: 16 concurrent clients placing 20-line orders for a fixed time; orders/s and latency
 *   tokens:     only the setup; writes the 16 clients' access tokens to a file (for wrk)
 *   batch:      one 1,000-order batch of 20-line orders, from submission to its last result; orders/s
 */
public class OrderBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final int PRODUCTS = 10_000;
    static final int CLIENTS = 16;

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String operator = token(base, args[1], args[2]);
        String mode = args[3];
        List<String> clients = setup(base, operator);
        if (mode.equals("large")) {
            large(base, clients.get(0), Integer.parseInt(args[4]));
        } else if (mode.equals("batch")) {
            batch(base, clients.get(0), Integer.parseInt(args[4]));
        } else if (mode.equals("tokens")) {
            java.nio.file.Files.write(java.nio.file.Path.of(args[4]), clients);
        } else {
            throughput(base, clients, Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        }
    }

    static List<String> setup(String base, String operator) throws Exception {
        for (int from = 0; from < PRODUCTS; from += 5_000) {
            StringBuilder products = new StringBuilder("{\"products\":[");
            StringBuilder stock = new StringBuilder("{\"adjustments\":[");
            for (int i = from; i < from + 5_000; i++) {
                String comma = i > from ? "," : "";
                products.append(comma).append("{\"sku\":\"T-").append(i).append("\",\"name\":\"Bench ").append(i)
                        .append("\",\"unitPrice\":\"1.00\"}");
                stock.append(comma).append("{\"sku\":\"T-").append(i).append("\",\"delta\":1000000,\"reason\":\"restock\"}");
            }
            send(base + "/v1/products/batch", operator, products.append("]}").toString(), 200);
            send(base + "/v1/inventory/adjustments", operator, stock.append("]}").toString(), 200);
        }
        List<String> tokens = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            String client = send(base + "/v1/clients", operator, "{\"name\":\"Bench client " + c
                    + "\",\"currency\":\"EUR\",\"creditLimit\":\"100000000000000.00\",\"rateLimitPerMinute\":1000000}", 201);
            String id = field(client, "id");
            String credential = send(base + "/v1/clients/" + id + "/credentials", operator,
                    "{\"name\":\"bench\",\"scopes\":[\"orders:write\",\"orders:read\"]}", 201);
            tokens.add(token(base, field(credential, "clientId"), field(credential, "clientSecret")));
        }
        return tokens;
    }

    static void large(String base, String token, int runs) throws Exception {
        StringBuilder sb = new StringBuilder(PRODUCTS * 32).append("{\"lines\":[");
        for (int i = 0; i < PRODUCTS; i++) {
            sb.append(i > 0 ? "," : "").append("{\"sku\":\"T-").append(i).append("\",\"quantity\":1}");
        }
        String order = sb.append("]}").toString();
        int warmups = 5;
        List<Long> millis = new ArrayList<>();
        for (int run = 0; run < warmups + runs; run++) {
            long t0 = System.nanoTime();
            send(base + "/v1/orders", token, order, 201);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (run >= warmups) {
                millis.add(ms);
            }
        }
        Collections.sort(millis);
        System.out.printf("one 10,000-line order, %d runs after %d warm-up: median %d ms, p99 %d ms, min %d ms, max %d ms%n",
                runs, warmups, millis.get(millis.size() / 2), millis.get(Math.min(millis.size() - 1, (int) Math.ceil(millis.size() * 0.99) - 1)),
                millis.get(0), millis.get(millis.size() - 1));
    }

    static void batch(String base, String token, int runs) throws Exception {
        for (int run = 0; run < runs; run++) {
            StringBuilder sb = new StringBuilder("{\"orders\":[");
            for (int o = 0; o < 1_000; o++) {
                int from = ThreadLocalRandom.current().nextInt(PRODUCTS - 20);
                sb.append(o > 0 ? "," : "").append("{\"lines\":[");
                for (int i = 0; i < 20; i++) {
                    sb.append(i > 0 ? "," : "").append("{\"sku\":\"T-").append(from + i).append("\",\"quantity\":1}");
                }
                sb.append("]}");
            }
            long t0 = System.nanoTime();
            HttpResponse<String> queued = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/orders/batch"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("Idempotency-Key", "bench-batch-" + System.nanoTime())
                    .POST(HttpRequest.BodyPublishers.ofString(sb.append("]}").toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (queued.statusCode() != 202) {
                throw new IllegalStateException("batch answered " + queued.statusCode() + ": " + queued.body());
            }
            String location = URI.create(base + "/").resolve(queued.headers().firstValue("Location").orElseThrow()).toString();
            String body;
            do {
                Thread.sleep(100);
                body = HTTP.send(HttpRequest.newBuilder(URI.create(location)).header("Authorization", "Bearer " + token)
                        .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            } while (!body.contains("\"status\":\"completed\""));
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("one 1,000-order batch (20 lines each), run %d: %.1f s from submission to the last result,"
                    + " %.1f orders/s, accepted %s%n", run + 1, seconds, 1_000 / seconds, number(body, "accepted"));
        }
    }

    static void throughput(String base, List<String> tokens, int warmupSeconds, int seconds) throws Exception {
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        List<List<Long>> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long[] failures = new long[tokens.size()];
        for (int c = 0; c < tokens.size(); c++) {
            List<Long> mine = new ArrayList<>();
            latencies.add(mine);
            String token = tokens.get(c);
            int index = c;
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    int from = ThreadLocalRandom.current().nextInt(PRODUCTS - 20);
                    StringBuilder sb = new StringBuilder("{\"lines\":[");
                    for (int i = 0; i < 20; i++) {
                        sb.append(i > 0 ? "," : "").append("{\"sku\":\"T-").append(from + i).append("\",\"quantity\":1}");
                    }
                    long t0 = System.nanoTime();
                    try {
                        send(base + "/v1/orders", token, sb.append("]}").toString(), 201);
                        if (measuring.get()) {
                            mine.add(System.nanoTime() - t0);
                        }
                    } catch (Exception e) {
                        failures[index]++;
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        Thread.sleep(warmupSeconds * 1000L);
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        List<Long> all = new ArrayList<>();
        latencies.forEach(all::addAll);
        Collections.sort(all);
        long failed = 0;
        for (long f : failures) {
            failed += f;
        }
        System.out.printf("app: %.1f orders/s (20 lines each, %d clients, %d s), p50 %.1f ms, p99 %.1f ms, failures %d%n",
                all.size() / elapsed, tokens.size(), seconds, all.get(all.size() / 2) / 1e6,
                all.get((int) (all.size() * 0.99)) / 1e6, failed);
        System.out.printf("APP_OPS=%.1f%n", all.size() / elapsed);
    }

    static String send(String url, String token, String body, int expected) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(400, response.body().length())));
        }
        return response.body();
    }

    static String token(String base, String id, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        return field(response.body(), "access_token");
    }

    static String number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(json);
        return m.find() ? m.group(1) : "?";
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
