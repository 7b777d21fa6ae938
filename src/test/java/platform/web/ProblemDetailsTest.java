package platform.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import testsupport.Api;

/** Framework failures answer problem documents too, with stable codes and without internals. */
@QuarkusTest
class ProblemDetailsTest {

    @Test
    void answersAnUnknownPathWith404Problem() {
        Api.asOperator()
                .get("/v1/nothing-here")
                .then()
                .statusCode(404)
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
        Api.asOperator()
                .delete("/v1/clients")
                .then()
                .statusCode(405)
                .contentType("application/problem+json")
                .body("status", equalTo(405));
    }

    @Test
    void answersAWrongContentTypeWith415Problem() {
        given().auth()
                .oauth2(Api.operatorToken())
                .contentType("text/plain")
                .body("hello")
                .post("/v1/clients")
                .then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("status", equalTo(415));
    }

    @Test
    void carriesTheCallersTraceIdFromTraceparent() {
        given().header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .get("/v1/clients")
                .then()
                .statusCode(401)
                .body("traceId", equalTo("4bf92f3577b34da6a3ce929d0e0e4736"));
    }

    @Test
    void neverLeaksClassNamesInParseErrors() {
        Api.asOperator()
                .body("{\"name\": tru")
                .post("/v1/clients")
                .then()
                .statusCode(400)
                .body(not(containsString("com.fasterxml")))
                .body(not(containsString("Exception")));
    }

    @Test
    void answersAnOversizedBodyWith413ProblemBeforeReadingIt() throws Exception {
        // announce 20 MB (limit 16 MB) and send nothing: the answer must come without the body
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("POST /v1/clients HTTP/1.1\r\nHost: localhost\r\n"
                                    + "Content-Type: application/json\r\nContent-Length: 20000000\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[1024];
            int read;
            while (!answer.toString().endsWith("}")
                    && (read = socket.getInputStream().read(buffer)) > 0) {
                answer.append(new String(buffer, 0, read, java.nio.charset.StandardCharsets.UTF_8));
            }
            org.assertj.core.api.Assertions.assertThat(answer.toString())
                    .startsWith("HTTP/1.1 413")
                    .contains("application/problem+json")
                    .contains("\"code\":\"payload_too_large\"");
        }
    }

    @Test
    void explainsATruncatedBody() {
        Api.asOperator()
                .body("{\"name\":\"x\"")
                .post("/v1/clients")
                .then()
                .statusCode(400)
                .body("errors[0].code", equalTo("malformed_json"));
    }
}
