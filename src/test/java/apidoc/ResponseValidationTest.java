package apidoc;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.builder.ResponseBuilder;
import io.restassured.filter.Filter;
import io.restassured.response.Response;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Catalog;

/**
 * Proves that the suite-wide response validation can fail: the same real answer passes, and fails as
 * soon as a filter between the server and the validator makes it say what the document does not.
 */
@QuarkusTest
class ResponseValidationTest {

    private String sku;

    @BeforeEach
    void product() {
        sku = Catalog.sku("VALID");
        Api.asOperator()
                .body(Map.of("sku", sku, "name", "Validated", "unitPrice", "1.25"))
                .post("/v1/products")
                .then()
                .statusCode(201);
    }

    @Test
    void acceptsTheRealAnswer() {
        assertThatCode(() -> Api.asOperator().get("/v1/products/" + sku).then().statusCode(200))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesABodyTheDocumentDoesNotDescribe() {
        Filter moneyAsNumber = rewrite(r -> new ResponseBuilder()
                .clone(r)
                .setBody(r.asString().replace("\"unitPrice\":\"1.25\"", "\"unitPrice\":1.25"))
                .build());
        assertThatThrownBy(() -> Api.asOperator().filter(moneyAsNumber).get("/v1/products/" + sku))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("does not match the OpenAPI document")
                .hasMessageContaining("unitPrice");
    }

    @Test
    void refusesAMissingRequiredMember() {
        Filter noVersion = rewrite(r -> new ResponseBuilder()
                .clone(r)
                .setBody(r.asString().replaceFirst("\"version\":\\d+,?", ""))
                .build());
        assertThatThrownBy(() -> Api.asOperator().filter(noVersion).get("/v1/products/" + sku))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("version");
    }

    @Test
    void refusesAStatusTheOperationDoesNotDeclare() {
        Filter teapot =
                rewrite(r -> new ResponseBuilder().clone(r).setStatusCode(418).build());
        assertThatThrownBy(() -> Api.asOperator().filter(teapot).get("/v1/products/" + sku))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("418");
    }

    @Test
    void refusesAHeaderOfTheWrongType() {
        Filter badRateLimit = rewrite(r -> new ResponseBuilder()
                .clone(r)
                .setHeader("RateLimit-Remaining", "plenty")
                .build());
        assertThatThrownBy(() -> Api.asOperator().filter(badRateLimit).get("/v1/products/" + sku))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("allowed: [\"integer\"]");
    }

    /** A filter that sits between the server and the suite's validator and changes the answer. */
    private static Filter rewrite(UnaryOperator<Response> change) {
        return (request, response, ctx) -> change.apply(ctx.next(request, response));
    }
}
