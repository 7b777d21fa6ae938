package platform.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import testsupport.Api;

/** Framework failures answer problem documents too, with stable codes and without internals. */
@QuarkusTest
class ProblemDetailsTest {

    @Test
    void answersAnUnknownPathWith404Problem() {
        Api.asOperator().get("/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("not_found"))
                .body("type", equalTo("https://quartermaster.dev/problems/not_found"))
                .body("title", equalTo("Not found"))
                .body("status", equalTo(404))
                .body("instance", equalTo("/v1/nothing-here"))
                .body("traceId", matchesPattern("[0-9a-f]{32}"));
    }

    @Test
    void answersAWrongMethodWith405Problem() {
        Api.asOperator().delete("/v1/clients").then().statusCode(405)
                .contentType("application/problem+json").body("status", equalTo(405));
    }

    @Test
    void answersAWrongContentTypeWith415Problem() {
        given().auth().oauth2(Api.operatorToken()).contentType("text/plain").body("hello").post("/v1/clients")
                .then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
    }

    @Test
    void carriesTheCallersTraceIdFromTraceparent() {
        given().header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .get("/v1/clients").then().statusCode(401)
                .body("traceId", equalTo("4bf92f3577b34da6a3ce929d0e0e4736"));
    }

    @Test
    void neverLeaksClassNamesInParseErrors() {
        Api.asOperator().body("{\"name\": tru").post("/v1/clients").then().statusCode(400)
                .body(not(containsString("com.fasterxml"))).body(not(containsString("Exception")));
    }
}
