import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quote benchmark over HTTP, run by bench/quote-accept.sh: 1,000 products Q-0..Q-999 with 1,000,000 units
 * each and one client; then, per run, a 1,000-line quote is created (not timed) and accepted (timed: the
 * order at the quoted prices, held stock turned into its reservation, credit checked, events written).
 * Prints p50/p99 of the accepts and CLIENT_ID=… for the ceiling run of the script.
 *   java bench/QuoteBench.java BASE_URL OPERATOR_ID OPERATOR_SECRET RUNS
 */
public class QuoteBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final int LINES = 1_000;

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String operator = token(base, args[1], args[2]);
        int runs = Integer.parseInt(args[3]);
        StringBuilder products = new StringBuilder("{\"products\":[");
        StringBuilder stock = new StringBuilder("{\"adjustments\":[");
        for (int i = 0; i < LINES; i++) {
            String comma = i > 0 ? "," : "";
            products.append(comma).append("{\"sku\":\"Q-").append(i).append("\",\"name\":\"Quote bench ").append(i)
                    .append("\",\"unitPrice\":\"1.00\"}");
            stock.append(comma).append("{\"sku\":\"Q-").append(i).append("\",\"delta\":1000000,\"reason\":\"restock\"}");
        }
        send(base + "/v1/products/batch", operator, products.append("]}").toString(), 200, null);
        send(base + "/v1/inventory/adjustments", operator, stock.append("]}").toString(), 200, null);
        String client = send(base + "/v1/clients", operator, "{\"name\":\"Quote bench client\",\"currency\":\"EUR\","
                + "\"creditLimit\":\"100000000000000.00\",\"rateLimitPerMinute\":1000000}", 201, null);
        String clientId = field(client, "id");
        String credential = send(base + "/v1/clients/" + clientId + "/credentials", operator,
                "{\"name\":\"bench\",\"scopes\":[\"orders:write\",\"orders:read\"]}", 201, null);
        String token = token(base, field(credential, "clientId"), field(credential, "clientSecret"));

        StringBuilder sb = new StringBuilder(LINES * 32).append("{\"lines\":[");
        for (int i = 0; i < LINES; i++) {
            sb.append(i > 0 ? "," : "").append("{\"sku\":\"Q-").append(i).append("\",\"quantity\":1}");
        }
        String quote = sb.append("]}").toString();
        int warmups = 5;
        List<Double> millis = new ArrayList<>();
        for (int run = 0; run < warmups + runs; run++) {
            String id = field(send(base + "/v1/quotes", token, quote, 201, null), "id");
            long t0 = System.nanoTime();
            send(base + "/v1/quotes/" + id + "/accept", token, "", 201, UUID.randomUUID().toString());
            double ms = (System.nanoTime() - t0) / 1e6;
            if (run >= warmups) {
                millis.add(ms);
            }
        }
        Collections.sort(millis);
        double p50 = millis.get(millis.size() / 2);
        double p99 = millis.get(Math.min(millis.size() - 1, (int) Math.ceil(millis.size() * 0.99) - 1));
        System.out.printf("application, accept of a 1,000-line quote, %d runs after %d warm-up: p50 %.1f ms,"
                + " p99 %.1f ms, min %.1f ms, max %.1f ms%n", runs, warmups, p50, p99, millis.get(0),
                millis.get(millis.size() - 1));
        System.out.printf("APP_P50=%.3f%nAPP_P99=%.3f%nCLIENT_ID=%s%n", p50, p99, clientId);
    }

    static String send(String url, String token, String body, int expected, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
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

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
