import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application side of bench/backorder-allocation.sh: 10 SKUs with no stock, then per round 100
 * backordered orders of 10 lines (1,000 queued lines, 5 units each, from 10 clients), then ONE restock
 * (POST /v1/inventory/adjustments, 500 units of each SKU) that allocates all of them; the restock's
 * response time is measured. Prints APP_MS=<median over the measured rounds>.
 *   java BackorderBench.java <base> <operatorId> <operatorSecret> <rounds>
 */
public class BackorderBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final int SKUS = 10;
    static final int ORDERS = 100;
    static final int UNITS = 5;

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String operator = token(base, args[1], args[2]);
        int rounds = Integer.parseInt(args[3]);
        StringBuilder products = new StringBuilder("{\"products\":[");
        for (int i = 0; i < SKUS; i++) {
            products.append(i > 0 ? "," : "").append("{\"sku\":\"BO-").append(i)
                    .append("\",\"name\":\"Backorder bench ").append(i).append("\",\"unitPrice\":\"1.00\"}");
        }
        send(base + "/v1/products/batch", operator, products.append("]}").toString(), 200);
        List<String> tokens = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            String client = send(base + "/v1/clients", operator, "{\"name\":\"Backorder bench " + c
                    + "\",\"currency\":\"EUR\",\"creditLimit\":\"100000000000000.00\",\"rateLimitPerMinute\":1000000}", 201);
            String credential = send(base + "/v1/clients/" + field(client, "id") + "/credentials", operator,
                    "{\"name\":\"bench\",\"scopes\":[\"orders:write\",\"orders:read\"]}", 201);
            tokens.add(token(base, field(credential, "clientId"), field(credential, "clientSecret")));
        }
        StringBuilder order = new StringBuilder("{\"backorderPolicy\":\"backorder\",\"lines\":[");
        StringBuilder restock = new StringBuilder("{\"adjustments\":[");
        for (int i = 0; i < SKUS; i++) {
            order.append(i > 0 ? "," : "").append("{\"sku\":\"BO-").append(i).append("\",\"quantity\":").append(UNITS)
                    .append("}");
            restock.append(i > 0 ? "," : "").append("{\"sku\":\"BO-").append(i).append("\",\"delta\":")
                    .append(ORDERS * UNITS).append(",\"reason\":\"restock\"}");
        }
        String orderBody = order.append("]}").toString();
        String restockBody = restock.append("]}").toString();
        List<Double> measured = new ArrayList<>();
        for (int r = 0; r <= rounds; r++) { // round 0 warms up
            for (int o = 0; o < ORDERS; o++) {
                String placed = send(base + "/v1/orders", tokens.get(o % tokens.size()), orderBody, 201);
                if (!placed.contains("\"backordered\":" + SKUS * UNITS)) {
                    throw new IllegalStateException("the order was not fully backordered: " + placed);
                }
            }
            long start = System.nanoTime();
            String levels = send(base + "/v1/inventory/adjustments", operator, restockBody, 200);
            double ms = (System.nanoTime() - start) / 1e6;
            if (!levels.contains("\"available\":0")) {
                throw new IllegalStateException("the restock did not allocate everything: " + levels);
            }
            if (r > 0) {
                measured.add(ms);
            }
            System.out.printf("round %d: restock allocating %d queued lines of %d orders: %.1f ms%n",
                    r, ORDERS * SKUS, ORDERS, ms);
        }
        measured.sort(Double::compare);
        System.out.printf("APP_MS=%.1f%n", measured.get(measured.size() / 2));
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

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
