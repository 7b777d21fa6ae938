package tenancy.internal.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import testsupport.Api;

/** Currencies are real ISO 4217 currencies; discountPercent is a number or a decimal string. */
@QuarkusTest
class ClientInputTest {

    private static Map<String, Object> client(String currency, Object discount) {
        return discount == null
                ? Map.of("name", "Input Co", "currency", currency, "creditLimit", "100.00")
                : Map.of(
                        "name", "Input Co", "currency", currency, "creditLimit", "100.00", "discountPercent", discount);
    }

    @Test
    void refusesCodesThatAreNoCurrency() {
        for (String code : new String[] {"XXX", "XTS", "XAU", "CHE", "USN", "BOV", "QQQ"}) {
            Api.asOperator()
                    .body(client(code, null))
                    .post("/v1/clients")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("invalid_request"))
                    .body("errors[0].pointer", equalTo("/currency"));
        }
        for (String code : new String[] {"EUR", "CHF", "XOF", "JPY"}) {
            Api.asOperator().body(client(code, null)).post("/v1/clients").then().statusCode(201);
        }
    }

    @Test
    void acceptsTheDiscountAsADecimalString() {
        Api.asOperator()
                .body(client("EUR", "10"))
                .post("/v1/clients")
                .then()
                .statusCode(201)
                .body("discountPercent", equalTo(10.0f));
        Api.asOperator()
                .body(client("EUR", "12.5"))
                .post("/v1/clients")
                .then()
                .statusCode(201)
                .body("discountPercent", equalTo(12.5f));
        String id = Api.createClient("Patch Discount Co").toString();
        Api.asOperator()
                .header("If-Match", "\"0\"")
                .body(Map.of("discountPercent", "7.25"))
                .patch("/v1/clients/" + id)
                .then()
                .statusCode(200)
                .body("discountPercent", equalTo(7.25f));
    }

    @Test
    void namesTheExpectedTypeWhenTheDiscountIsNoNumber() {
        Api.asOperator()
                .body(client("EUR", Map.of("value", 10)))
                .post("/v1/clients")
                .then()
                .statusCode(400)
                .body("errors[0].pointer", equalTo("/discountPercent"))
                .body("detail", containsString("a number or a decimal string"));
        Api.asOperator()
                .body(client("EUR", "ten"))
                .post("/v1/clients")
                .then()
                .statusCode(400)
                .body("errors[0].pointer", equalTo("/discountPercent"))
                .body("detail", containsString("a number or a decimal string"));
    }
}
