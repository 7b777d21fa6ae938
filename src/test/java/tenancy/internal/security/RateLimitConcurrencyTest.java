package tenancy.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import testsupport.Api;

/**
 * The attack of issue 10 item 1: many concurrent requests for a client limited to one a minute. They
 * saturate the Redis pool; the limit must hold anyway (saturation is load, not an outage).
 */
@QuarkusTest
class RateLimitConcurrencyTest {

    static final int REQUESTS = 200;

    /** Sends {@code REQUESTS} GETs at once, each on its own connection; returns the answers. */
    static List<HttpResponse<String>> burst(String token, String path) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            pending.add(http.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                            .header("Authorization", "Bearer " + token)
                            .timeout(Duration.ofSeconds(60))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        return pending.stream().map(CompletableFuture::join).toList();
    }

    static String limitedToOnePerMinute(String name) {
        UUID id = Api.createClient(
                Map.of("name", name, "currency", "EUR", "creditLimit", "1.00", "rateLimitPerMinute", 1));
        Response credential = Api.createCredential(id, List.of("orders:read"));
        return Api.token(credential.path("clientId"), credential.path("clientSecret")) + " " + id;
    }

    @Test
    void concurrentRequestsGetNoMoreThanTheBurst() {
        String[] tokenAndId = limitedToOnePerMinute("Concurrent Co").split(" ");
        List<HttpResponse<String>> answers = burst(tokenAndId[0], "/v1/clients/" + tokenAndId[1]);
        long ok = answers.stream().filter(r -> r.statusCode() == 200).count();
        long limited = answers.stream().filter(r -> r.statusCode() == 429).count();
        assertThat(ok).as("answered 200 (the bucket holds one)").isLessThanOrEqualTo(1);
        assertThat(ok + limited).as("every answer is 200 or 429").isEqualTo(REQUESTS);
        assertThat(answers).filteredOn(r -> r.statusCode() == 429).allSatisfy(r -> {
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
            assertThat(r.headers().firstValue("RateLimit-Remaining")).contains("0");
        });
        // and the refusal is the documented problem
        Api.as(tokenAndId[0])
                .get("/v1/clients/" + tokenAndId[1])
                .then()
                .statusCode(429)
                .body("code", equalTo("rate_limited"))
                .header("Retry-After", notNullValue());
    }
}
