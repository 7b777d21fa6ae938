package platform.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Catalog;
import testsupport.Orders;

/** Prometheus metrics with the business counters, for operators only. */
@QuarkusTest
class MetricsTest {

    /** {@code %test.quartermaster.metrics.scrape-token} */
    private static final String SCRAPE_TOKEN = "test-prometheus-scrape-credential-0123456789abcdef";

    @Test
    void countsOrdersConflictsAndExposesTheOutboxLagToOperatorsOnly() {
        var buyer = Api.newClient("Metered Buyer", "orders:write");
        String sku = Catalog.stocked("METER", "1.00", 1);
        double before = value(scrape(), "quartermaster_orders_accepted_total");
        double conflictsBefore = value(scrape(), "quartermaster_reservation_conflicts_total");
        Api.as(buyer.token())
                .body(Orders.order(null, sku, 1))
                .post("/v1/orders")
                .then()
                .statusCode(201);
        Api.as(buyer.token())
                .body(Orders.order(null, sku, 5))
                .post("/v1/orders")
                .then()
                .statusCode(409);
        String metrics = scrape();
        assertThat(value(metrics, "quartermaster_orders_accepted_total")).isGreaterThanOrEqualTo(before + 1);
        assertThat(value(metrics, "quartermaster_reservation_conflicts_total"))
                .isGreaterThanOrEqualTo(conflictsBefore + 1);
        assertThat(metrics)
                .contains("quartermaster_orders_rejected_total{code=\"insufficient_stock\"")
                .contains("quartermaster_outbox_lag")
                .contains("quartermaster_rate_limit_refusals_total");

        given().get("/q/metrics").then().statusCode(401);
        given().auth().oauth2(buyer.token()).get("/q/metrics").then().statusCode(403);
    }

    @Test
    void prometheusScrapesWithTheStaticCredentialAndNothingElseIsTakenForIt() {
        String metrics = given().auth()
                .oauth2(SCRAPE_TOKEN)
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(metrics).contains("quartermaster_outbox_lag");

        given().auth().oauth2(SCRAPE_TOKEN + "x").get("/q/metrics").then().statusCode(401);
        given().auth()
                .oauth2(SCRAPE_TOKEN.substring(1))
                .get("/q/metrics")
                .then()
                .statusCode(401);
        given().auth()
                .basic("prometheus", SCRAPE_TOKEN)
                .get("/q/metrics")
                .then()
                .statusCode(401);
        // the scrape credential opens the metrics, not the API
        given().auth().oauth2(SCRAPE_TOKEN).get("/v1/products").then().statusCode(401);
    }

    private static String scrape() {
        return given().auth()
                .oauth2(Api.operatorToken())
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private static double value(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)( # .*)?$")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(2)) : 0;
    }
}
