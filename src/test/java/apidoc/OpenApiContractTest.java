package apidoc;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI document follows the contract rules (docs/sdk.md): an endpoint added without its
 * operationId, tag, answers, scopes or schemas fails here, in the normal build.
 */
@QuarkusTest
class OpenApiContractTest {

    @Test
    void theServedDocumentFollowsEveryContractRule() throws Exception {
        JsonNode doc = new ObjectMapper()
                .readTree(given().get("/q/openapi?format=json")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        assertThat(ContractRules.check(doc)).isEmpty();
    }

    @Test
    void theYamlFormIsServedToo() {
        String yaml = given().get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(yaml).startsWith("---\nopenapi: 3.0.3");
    }

    @Test
    void theDocumentNamesThisDeploymentAsItsServerAndTokenUrl() throws Exception {
        JsonNode doc = new ObjectMapper()
                .readTree(given().get("/q/openapi?format=json").then().extract().asString());
        String server = doc.at("/servers/0/url").asText();
        assertThat(server).isEqualTo("http://localhost:" + io.restassured.RestAssured.port);
        assertThat(doc.at("/components/securitySchemes/oauth2/flows/clientCredentials/tokenUrl")
                        .asText())
                .isEqualTo(server + "/oauth2/token");
    }
}
