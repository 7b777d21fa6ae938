import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times POST /v1/products/batch (10,000 products: first inserted, then updated) and
 * POST /v1/inventory/adjustments (10,000 lines) end to end over HTTP. Run by bench/catalog.sh.
 */
public class CatalogBench {

    static final int SIZE = 10_000;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = token(base, args[1], args[2]);
        int runs = Integer.parseInt(args[3]);
        int warmups = 3;

        List<Long> insert = new ArrayList<>();
        List<Long> update = new ArrayList<>();
        List<Long> adjust = new ArrayList<>();
        for (int run = 0; run < warmups + runs; run++) {
            String prefix = "B" + run + "-";
            long t0 = System.nanoTime();
            post(base + "/v1/products/batch", token, products(prefix, "1.00"), 200);
            long t1 = System.nanoTime();
            post(base + "/v1/products/batch", token, products(prefix, "2.00"), 200);
            long t2 = System.nanoTime();
            post(base + "/v1/inventory/adjustments", token, adjustments(prefix), 200);
            long t3 = System.nanoTime();
            if (run >= warmups) {
                insert.add((t1 - t0) / 1_000_000);
                update.add((t2 - t1) / 1_000_000);
                adjust.add((t3 - t2) / 1_000_000);
            }
        }
        System.out.println("runs: " + runs + " (after " + warmups + " warm-up runs), " + SIZE + " items per request");
        report("product batch upsert, 10,000 new SKUs", insert);
        report("product batch upsert, 10,000 existing SKUs", update);
        report("stock adjustments, 10,000 lines", adjust);
    }

    static String products(String prefix, String price) {
        StringBuilder sb = new StringBuilder(SIZE * 90).append("{\"products\":[");
        for (int i = 0; i < SIZE; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"sku\":\"").append(prefix).append(i).append("\",\"name\":\"Bench product ").append(i)
                    .append("\",\"unitPrice\":\"").append(price).append("\",\"attributes\":{\"bin\":").append(i % 97).append("}}");
        }
        return sb.append("]}").toString();
    }

    static String adjustments(String prefix) {
        StringBuilder sb = new StringBuilder(SIZE * 60).append("{\"adjustments\":[");
        for (int i = 0; i < SIZE; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"sku\":\"").append(prefix).append(i).append("\",\"delta\":").append(10 + i % 5)
                    .append(",\"reason\":\"restock\"}");
        }
        return sb.append("]}").toString();
    }

    static void report(String what, List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        long median = sorted.get(sorted.size() / 2);
        System.out.printf("%-45s median %5d ms   min %5d ms   max %5d ms%n", what, median, sorted.get(0),
                sorted.get(sorted.size() - 1));
    }

    static void post(String url, String token, String body, int expected) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
    }

    static String token(String base, String id, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (!m.find()) {
            throw new IllegalStateException("no token: " + response.body());
        }
        return m.group(1);
    }
}
