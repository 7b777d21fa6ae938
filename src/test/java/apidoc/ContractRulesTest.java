package apidoc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract rules find what a careless new endpoint would leave out: each rule shown failing once. */
class ContractRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM =
            "{\"description\":\"p\",\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}}}";

    private ObjectNode doc;

    @BeforeEach
    void aDocumentThatFollowsTheRules() throws Exception {
        doc = (ObjectNode) JSON.readTree(("""
                {"openapi":"3.0.3","servers":[{"url":"http://localhost:8080"}],
                 "tags":[{"name":"Orders","description":"orders"}],
                 "components":{
                   "securitySchemes":{"oauth2":{"type":"oauth2","flows":{"clientCredentials":{
                     "tokenUrl":"http://localhost:8080/oauth2/token","scopes":{"orders:read":"read"}}}}},
                   "schemas":{
                     "Problem":{"type":"object","properties":{"code":{"type":"string"}}},
                     "Order":{"type":"object","properties":{"id":{"type":"string","format":"uuid"},
                       "lines":{"type":"array","items":{"type":"string"}}}}}},
                 "paths":{"/v1/orders/{id}":{"get":{
                   "operationId":"getOrder","summary":"Get an order","tags":["Orders"],
                   "security":[{"oauth2":["orders:read"]}],
                   "parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string"}}],
                   "responses":{
                     "200":{"description":"the order","headers":{"RateLimit-Limit":{"schema":{"type":"integer"}}},
                       "content":{"application/json":{"schema":{"$ref":"#/components/schemas/Order"}}}},
                     "400":P,"401":P,"403":P,"404":P,"429":P,"500":P,"503":P}}}}}
                """).replace("\"P\"", PROBLEM).replace(":P", ":" + PROBLEM));
    }

    @Test
    void aDocumentThatFollowsTheRulesPasses() {
        assertThat(ContractRules.check(doc)).isEmpty();
    }

    @Test
    void anOperationWithoutAnOperationIdFails() {
        operation().remove("operationId");
        assertThat(ContractRules.check(doc)).singleElement().asString().contains("operationId");
    }

    @Test
    void anOperationWithoutItsStandardAnswersFails() {
        ((ObjectNode) operation().path("responses")).remove("503");
        ((ObjectNode) operation().path("responses")).remove("429");
        assertThat(ContractRules.check(doc))
                .anySatisfy(v -> assertThat(v).contains("answer 503"))
                .anySatisfy(v -> assertThat(v).contains("answer 429"));
    }

    @Test
    void anErrorAnswerThatIsNotAProblemFails() throws Exception {
        ((ObjectNode) operation().path("responses")).set("404", JSON.readTree("{\"description\":\"not found\"}"));
        assertThat(ContractRules.check(doc)).singleElement().asString().contains("application/problem+json");
    }

    @Test
    void aSecuredOperationWithoutItsScopeFails() throws Exception {
        operation().set("security", JSON.readTree("[{\"oauth2\":[]}]"));
        assertThat(ContractRules.check(doc)).singleElement().asString().contains("scope");
    }

    @Test
    void anApiOperationOfferingAnotherSchemeFails() throws Exception {
        operation().set("security", JSON.readTree("[{\"oauth2\":[\"orders:read\"]},{\"clientBasic\":[]}]"));
        assertThat(ContractRules.check(doc)).singleElement().asString().contains("only require oauth2");
    }

    @Test
    void aJavaTypeLeakingIntoTheSchemasFails() throws Exception {
        ((ObjectNode) doc.at("/components/schemas"))
                .set(
                        "JsonNode",
                        JSON.readTree("{\"type\":\"object\",\"properties\":{\"empty\":{\"type\":\"boolean\"}}}"));
        assertThat(ContractRules.check(doc)).singleElement().asString().contains("Java implementation type");
    }

    @Test
    void anEnumOnAnArrayInsteadOfItsItemsFails() throws Exception {
        ((ObjectNode) doc.at("/components/schemas/Order/properties/lines")).set("enum", JSON.readTree("[\"a\"]"));
        assertThat(ContractRules.check(doc)).singleElement().asString().contains("enum");
    }

    @Test
    void anUntypedLimitParameterFails() throws Exception {
        ((com.fasterxml.jackson.databind.node.ArrayNode) operation().path("parameters"))
                .add(JSON.readTree("{\"name\":\"limit\",\"in\":\"query\",\"schema\":{\"type\":\"string\"}}"));
        assertThat(ContractRules.check(doc)).singleElement().asString().contains("components/parameters/limit");
    }

    @Test
    void aPatchWithAPlainJsonBodyFails() throws Exception {
        ObjectNode patch = operation().deepCopy();
        patch.put("operationId", "updateOrder");
        patch.set(
                "requestBody",
                JSON.readTree("{\"required\":true,\"content\":{\"application/json\":"
                        + "{\"schema\":{\"$ref\":\"#/components/schemas/Order\"}}}}"));
        ((ObjectNode) patch.path("responses")).set("413", JSON.readTree(PROBLEM));
        ((ObjectNode) patch.path("responses")).set("415", JSON.readTree(PROBLEM));
        ((ObjectNode) doc.at("/paths/~1v1~1orders~1{id}")).set("patch", patch);
        assertThat(ContractRules.check(doc)).singleElement().asString().contains("merge-patch");
    }

    private ObjectNode operation() {
        return (ObjectNode) doc.at("/paths/~1v1~1orders~1{id}/get");
    }
}
