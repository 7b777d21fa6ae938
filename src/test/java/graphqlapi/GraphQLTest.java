package graphqlapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.opentelemetry.api.common.AttributeKey;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.smallrye.graphql.client.GraphQLError;
import io.smallrye.graphql.client.Response;
import io.smallrye.graphql.client.dynamic.api.DynamicGraphQLClient;
import io.smallrye.graphql.client.vertx.dynamic.VertxDynamicGraphQLClientBuilder;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import testsupport.Api;
import testsupport.Catalog;
import testsupport.Orders;
import testsupport.RecordedSpans;

/** GraphQL at /graphql through a real client (SmallRye's dynamic client): the same security as REST. */
@QuarkusTest
class GraphQLTest {

    @Inject
    RecordedSpans spans;

    private final List<DynamicGraphQLClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() throws Exception {
        for (DynamicGraphQLClient client : clients) {
            client.close();
        }
    }

    private DynamicGraphQLClient client(String token) {
        DynamicGraphQLClient client = new VertxDynamicGraphQLClientBuilder()
                .url("http://localhost:" + RestAssured.port + "/graphql")
                .header("Authorization", "Bearer " + token)
                .build();
        clients.add(client);
        return client;
    }

    private static String code(GraphQLError error) {
        return String.valueOf(error.getExtensions().get("code"));
    }

    @Test
    void refusesAnAnonymousCallerWith401AsRestDoes() {
        RestAssured.given()
                .contentType(ContentType.JSON)
                .body(Map.of("query", "{ __schema { queryType { name } } }"))
                .post("/graphql")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("code", equalTo("unauthorized"));
        RestAssured.given()
                .auth()
                .oauth2("not-a-token")
                .contentType(ContentType.JSON)
                .body(Map.of("query", "{ products { pageInfo { hasNextPage } } }"))
                .post("/graphql")
                .then()
                .statusCode(401)
                .body("code", equalTo("unauthorized"));
    }

    @Test
    void letsAnAuthenticatedCallerIntrospect() throws Exception {
        var reader = Api.newClient("GQL Introspect", "inventory:read");
        Response response = client(reader.token()).executeSync("{ __schema { queryType { name } } }");
        assertThat(response.hasError()).isFalse();
        assertThat(response.getData()
                        .getJsonObject("__schema")
                        .getJsonObject("queryType")
                        .getString("name"))
                .isEqualTo("Query");
    }

    @Test
    void readsProductsWithTheirStockAndTheCallersOwnContractPrice() throws Exception {
        var reader = Api.newClient("GQL Reader", "inventory:read");
        String sku = Catalog.stocked("GQL", "10.00", 7);
        Api.asOperator()
                .body(Map.of("tiers", List.of(Map.of("minQuantity", 5, "unitPrice", "8.50"))))
                .put("/v1/clients/" + reader.id() + "/prices/" + sku)
                .then()
                .statusCode(200);
        Response response = client(reader.token())
                .executeSync(
                        "query($skus:[String!]){ products(skus:$skus){ edges { cursor node { sku unitPrice"
                                + " contractPrice(quantity: 5) one: contractPrice(quantity: 1)"
                                + " stock { onHand reserved available version } } } } }",
                        Map.of("skus", List.of(sku)));
        assertThat(response.getErrors()).isNullOrEmpty();
        JsonObject node = response.getData()
                .getJsonObject("products")
                .getJsonArray("edges")
                .getJsonObject(0)
                .getJsonObject("node");
        assertThat(node.getString("sku")).isEqualTo(sku);
        assertThat(node.getString("contractPrice")).isEqualTo("8.50");
        assertThat(node.getString("one")).isEqualTo("10.00");
        assertThat(node.getJsonObject("stock").getJsonNumber("onHand").longValue())
                .isEqualTo(7);
        assertThat(node.getJsonObject("stock").getJsonNumber("available").longValue())
                .isEqualTo(7);
    }

    @Test
    void pagesWithFirstAfterAndPageInfoWithinOneTo200() throws Exception {
        var reader = Api.newClient("GQL Pager", "inventory:read");
        String prefix = "PG" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        for (int i = 0; i < 3; i++) {
            Catalog.product(prefix, "1.00");
        }
        String query = "query($p:String,$f:Int,$a:String){ products(skuPrefix:$p, first:$f, after:$a){"
                + " edges { cursor node { sku } } pageInfo { hasNextPage hasPreviousPage endCursor } } }";
        DynamicGraphQLClient client = client(reader.token());
        Map<String, Object> vars = new HashMap<>(Map.of("p", prefix, "f", 2));
        JsonObject first = client.executeSync(query, vars).getData().getJsonObject("products");
        assertThat(first.getJsonArray("edges")).hasSize(2);
        assertThat(first.getJsonObject("pageInfo").getBoolean("hasNextPage")).isTrue();
        vars.put("a", first.getJsonObject("pageInfo").getString("endCursor"));
        JsonObject second = client.executeSync(query, vars).getData().getJsonObject("products");
        assertThat(second.getJsonArray("edges")).hasSize(1);
        assertThat(second.getJsonObject("pageInfo").getBoolean("hasNextPage")).isFalse();
        assertThat(second.getJsonObject("pageInfo").getBoolean("hasPreviousPage"))
                .isTrue();

        for (int wrong : new int[] {0, 201}) {
            Response refused = client.executeSync(query, Map.of("p", prefix, "f", wrong));
            assertThat(refused.getErrors()).hasSize(1);
            assertThat(code(refused.getErrors().get(0))).isEqualTo("invalid_request");
        }
        Response badCursor = client.executeSync(query, Map.of("p", prefix, "a", "garbage"));
        assertThat(code(badCursor.getErrors().get(0))).isEqualTo("invalid_request");
    }

    private static String productWith(String prefix, Map<String, Object> attributes) {
        String sku = Catalog.sku(prefix);
        Api.asOperator()
                .body(Map.of("sku", sku, "name", "Product " + sku, "unitPrice", "1.00", "attributes", attributes))
                .post("/v1/products")
                .then()
                .statusCode(201);
        return sku;
    }

    @Test
    void filtersProductsByAttributesExactlyAndTogetherWithThePages() throws Exception {
        var reader = Api.newClient("GQL Attributes", "inventory:read");
        String prefix = "AT" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String m8Steel = productWith(prefix, Map.of("thread", "M8", "material", "steel", "length", 40));
        String m8Steel2 = productWith(prefix, Map.of("thread", "M8", "material", "steel", "coated", true));
        String m8Brass = productWith(prefix, Map.of("thread", "M8", "material", "brass"));
        productWith(prefix, Map.of("thread", "M80", "material", "steel"));
        productWith(prefix, Map.of("material", "steel"));
        productWith(prefix, Map.of("thread", Map.of("M8", true)));
        String query = "query($p:String,$f:Int,$a:String,$attrs:[AttributeFilter!]){"
                + " products(skuPrefix:$p, first:$f, after:$a, attributes:$attrs){"
                + " edges { node { sku attributes } } pageInfo { hasNextPage endCursor } } }";
        DynamicGraphQLClient client = client(reader.token());

        List<Map<String, String>> m8AndSteel =
                List.of(Map.of("key", "thread", "value", "M8"), Map.of("key", "material", "value", "steel"));
        Map<String, Object> vars = new HashMap<>(Map.of("p", prefix, "f", 1, "attrs", m8AndSteel));
        Response first = client.executeSync(query, vars);
        assertThat(first.getErrors()).isNullOrEmpty();
        JsonObject page1 = first.getData().getJsonObject("products");
        assertThat(skus(page1)).containsExactly(m8Steel);
        assertThat(page1.getJsonObject("pageInfo").getBoolean("hasNextPage")).isTrue();
        vars.put("a", page1.getJsonObject("pageInfo").getString("endCursor"));
        JsonObject page2 = client.executeSync(query, vars).getData().getJsonObject("products");
        assertThat(skus(page2)).containsExactly(m8Steel2);
        assertThat(page2.getJsonObject("pageInfo").getBoolean("hasNextPage")).isFalse();

        JsonObject m8 = client.executeSync(
                        query, Map.of("p", prefix, "f", 50, "attrs", List.of(Map.of("key", "thread", "value", "M8"))))
                .getData()
                .getJsonObject("products");
        assertThat(skus(m8)).containsExactly(m8Steel, m8Steel2, m8Brass);

        // a value spelling a number or boolean also matches that number or boolean
        JsonObject typed = client.executeSync(
                        query, Map.of("p", prefix, "attrs", List.of(Map.of("key", "length", "value", "40"))))
                .getData()
                .getJsonObject("products");
        assertThat(skus(typed)).containsExactly(m8Steel);
        JsonObject coated = client.executeSync(
                        query, Map.of("p", prefix, "attrs", List.of(Map.of("key", "coated", "value", "true"))))
                .getData()
                .getJsonObject("products");
        assertThat(skus(coated)).containsExactly(m8Steel2);

        // the skus form filters the same way
        Response bySkus = client.executeSync(
                "query($s:[String!],$attrs:[AttributeFilter!]){ products(skus:$s, attributes:$attrs){"
                        + " edges { node { sku } } } }",
                Map.of("s", List.of(m8Steel, m8Brass), "attrs", List.of(Map.of("key", "material", "value", "brass"))));
        assertThat(skus(bySkus.getData().getJsonObject("products"))).containsExactly(m8Brass);
    }

    @Test
    void refusesBadAttributeFiltersWithTheRestCode() throws Exception {
        var reader = Api.newClient("GQL Bad Attributes", "inventory:read");
        String query = "query($attrs:[AttributeFilter!]){ products(attributes:$attrs){ edges { node { sku } } } }";
        DynamicGraphQLClient client = client(reader.token());
        List<Object> wrong = List.of(
                List.of(Map.of("key", "", "value", "x")),
                List.of(Map.of("key", "a", "value", "x"), Map.of("key", "a", "value", "y")),
                List.of(Map.of("key", "a", "value", "x\u0000")),
                List.of(Map.of("key", "k".repeat(101), "value", "x")),
                java.util.stream.IntStream.range(0, 21)
                        .mapToObj(i -> Map.of("key", "k" + i, "value", "v"))
                        .toList());
        for (Object attrs : wrong) {
            Response refused = client.executeSync(query, Map.of("attrs", attrs));
            assertThat(refused.getErrors()).as(String.valueOf(attrs)).hasSize(1);
            assertThat(code(refused.getErrors().get(0)))
                    .as(String.valueOf(attrs))
                    .isEqualTo("invalid_request");
            assertThat(String.valueOf(refused.getErrors().get(0).getExtensions().get("status")))
                    .isEqualTo("400");
        }
        Response missingValue =
                client.executeSync("{ products(attributes: [{key: \"a\"}]) { edges { node { sku } } } }");
        assertThat(code(missingValue.getErrors().get(0))).isEqualTo("invalid_request");
    }

    private static List<String> skus(JsonObject connection) {
        return connection.getJsonArray("edges").stream()
                .map(e -> e.asJsonObject().getJsonObject("node").getString("sku"))
                .toList();
    }

    @Test
    void enforcesScopesPerField() throws Exception {
        var inventoryOnly = Api.newClient("GQL Inv Only", "inventory:read");
        var ordersOnly = Api.newClient("GQL Orders Only", "orders:read");
        String query =
                "{ products(first: 1) { pageInfo { hasNextPage } } orders(first: 1) { pageInfo { hasNextPage } } }";

        Response a = client(inventoryOnly.token()).executeSync(query);
        assertThat(a.getData().get("products")).isNotNull();
        assertThat(a.getErrors()).hasSize(1);
        assertThat(a.getErrors().get(0).getPath()).containsExactly("orders");
        assertThat(code(a.getErrors().get(0))).isEqualTo("insufficient_scope");

        Response b = client(ordersOnly.token()).executeSync(query);
        assertThat(b.getData().get("orders")).isNotNull();
        assertThat(b.getErrors()).hasSize(1);
        assertThat(b.getErrors().get(0).getPath()).containsExactly("products");
        assertThat(code(b.getErrors().get(0))).isEqualTo("insufficient_scope");
    }

    @Test
    void showsAClientItsOwnOrdersOnlyAndAnotherClientsOrderIsNotFound() throws Exception {
        var owner = Api.newClient("GQL Owner", "orders:read", "orders:write");
        var other = Api.newClient("GQL Other", "orders:read");
        String sku = Catalog.stocked("GQLO", "2.00", 50);
        String orderId = Api.as(owner.token())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Orders.order("PO-GQL", sku, 3))
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String query = "query($id:ID!){ order(id:$id){ id status total items { lineNo sku quantity unitPrice } } }";

        Response mine = client(owner.token()).executeSync(query, Map.of("id", orderId));
        assertThat(mine.getErrors()).isNullOrEmpty();
        JsonObject order = mine.getData().getJsonObject("order");
        assertThat(order.getString("id")).isEqualTo(orderId);
        assertThat(order.getJsonArray("items").getJsonObject(0).getString("sku"))
                .isEqualTo(sku);

        Response theirs = client(other.token()).executeSync(query, Map.of("id", orderId));
        assertThat(theirs.getErrors()).hasSize(1);
        assertThat(code(theirs.getErrors().get(0))).isEqualTo("not_found");
        Response list = client(other.token()).executeSync("{ orders(first: 200) { edges { node { id } } } }");
        assertThat(list.getData().getJsonObject("orders").getJsonArray("edges")).isEmpty();

        Response operator = client(Api.operatorToken()).executeSync(query, Map.of("id", orderId));
        assertThat(operator.getData().getJsonObject("order").getString("id")).isEqualTo(orderId);
    }

    @Test
    void refusesTooDeepAndTooCostlyQueriesBeforeTheyRun() throws Exception {
        var reader = Api.newClient("GQL Greedy", "inventory:read", "orders:read");
        DynamicGraphQLClient client = client(reader.token());
        String costly = "{ products(first: 200) { edges { node { sku stock { onHand } } } }"
                + " orders(first: 200) { edges { node { id items { sku quantity unitPrice lineTotal } } } } }";
        Response refused = client.executeSync(costly);
        assertThat(refused.getData()).isNull();
        assertThat(refused.getErrors()).hasSize(1);
        assertThat(code(refused.getErrors().get(0))).isEqualTo("invalid_request");
        assertThat(refused.getErrors().get(0).getMessage()).contains("cost");

        StringBuilder deep = new StringBuilder("{ __schema { types { fields { type");
        for (int i = 0; i < 14; i++) {
            deep.append(" { ofType");
        }
        deep.append(" { name }");
        deep.append(" }".repeat(14)).append(" } } } }");
        Response tooDeep = client.executeSync(deep.toString());
        assertThat(tooDeep.getData()).isNull();
        assertThat(code(tooDeep.getErrors().get(0))).isEqualTo("invalid_request");
        assertThat(tooDeep.getErrors().get(0).getMessage()).contains("deep");

        Response fine = client.executeSync("{ products(first: 50) { edges { node { sku stock { onHand } } } } }");
        assertThat(fine.getErrors()).isNullOrEmpty();
    }

    @Test
    void loadsStockOfTwoHundredProductsWithoutOneQueryPerProduct() {
        var reader = Api.newClient("GQL Batch", "inventory:read");
        String prefix = "NP" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        List<Map<String, Object>> products = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            products.add(Map.of("sku", prefix + "-" + i, "name", "Batch " + i, "unitPrice", "1.00"));
        }
        Api.asOperator()
                .body(Map.of("products", products))
                .post("/v1/products/batch")
                .then()
                .statusCode(200);
        String query = "query($p:String,$f:Int){ products(skuPrefix:$p, first:$f){ edges { node { sku"
                + " stock { onHand version } contractPrice(quantity: 3) } } } }";

        long statementsFor20 = statements(reader.token(), query, prefix, 20);
        long statementsFor200 = statements(reader.token(), query, prefix, 200);
        // one statement for the page and one for its stock levels, whatever the page size (at most 2: on a
        // busy machine the batch loader's span can miss its trace, and one query per product would be 200)
        assertThat(statementsFor20).as(() -> "statements: " + lastStatements).isBetween(1L, 2L);
        assertThat(statementsFor200).as(() -> "statements: " + lastStatements).isBetween(1L, 2L);
    }

    private volatile List<String> lastStatements = List.of();

    /** The SQL statements one GraphQL request ran, counted from its JDBC spans. */
    private long statements(String token, String query, String prefix, int first) {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        RestAssured.given()
                .auth()
                .oauth2(token)
                .header("traceparent", "00-" + traceId + "-" + traceId.substring(0, 16) + "-01")
                .contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", Map.of("p", prefix, "f", first)))
                .post("/graphql")
                .then()
                .statusCode(200)
                .body("errors", org.hamcrest.Matchers.nullValue())
                .body("data.products.edges.size()", equalTo(first));
        AttributeKey<String> system = AttributeKey.stringKey("db.system");
        AttributeKey<String> text = AttributeKey.stringKey("db.query.text");
        // the statements on inventory tables, by the span name the JDBC instrumentation gives them
        // ("SELECT inventory.products"); the pricing statement reads unnest(...) and is named after the database
        java.util.function.LongSupplier count = () -> spans.ofTrace(traceId).stream()
                .filter(s -> "postgresql".equals(s.getAttributes().get(system)))
                .filter(s -> s.getName().contains("inventory."))
                .count();
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> spans.ofTrace(traceId).stream()
                                .anyMatch(s -> s.getKind() == io.opentelemetry.api.trace.SpanKind.SERVER)
                        && spans.ofTrace(traceId).stream()
                                .anyMatch(s -> s.getName().startsWith("GraphQL")));
        // spans are exported in batches, every 5 s: the count is final once it has not changed for longer
        java.util.concurrent.atomic.AtomicLong seen = new java.util.concurrent.atomic.AtomicLong(-1);
        Awaitility.await()
                .during(Duration.ofSeconds(7))
                .atMost(Duration.ofSeconds(45))
                .until(() -> {
                    long now = count.getAsLong();
                    return seen.getAndSet(now) == now;
                });
        lastStatements = spans.ofTrace(traceId).stream()
                .map(s -> s.getName() + " " + s.getAttributes().get(text))
                .toList();
        return count.getAsLong();
    }

    @Test
    void sharesTheRateLimitBucketWithRest() {
        UUID id = Api.createClient(
                Map.of("name", "GQL Tight", "currency", "EUR", "creditLimit", "1.00", "rateLimitPerMinute", 5));
        var credential = Api.createCredential(id, List.of("inventory:read"));
        String token = Api.token(credential.path("clientId"), credential.path("clientSecret"));
        for (int i = 0; i < 200; i++) {
            int status = Api.as(token).get("/v1/clients/" + id).statusCode();
            if (status == 429) {
                break;
            }
        }
        RestAssured.given()
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("query", "{ stockLevels(skus: [\"X-1\"]) { sku } }"))
                .post("/graphql")
                .then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .body("code", equalTo("rate_limited"));
    }

    @Test
    void refusesMalformedRequestsWithACodeAndNever5xx() throws Exception {
        var reader = Api.newClient("GQL Hostile", "inventory:read");
        List<String> bodies = List.of(
                "not json",
                "[]",
                "{\"query\": 42}",
                "{}",
                "{\"query\": \"{ products(first: \"}",
                "{\"query\": \"{ products { ...A } } fragment A on ProductConnection { ...A }\"}",
                "{\"query\": \"{ products(first: 99999999999999999999) { edges { node { sku } } } }\"}",
                "{\"query\": \"" + "{ a ".repeat(2000) + "\"}",
                "{\"query\": \"{ products(first: $f) { edges { node { sku } } } }\", \"variables\": {\"f\": \"x\"}}",
                "{\"query\": \"{ stockLevels(skus: [\\\"\\u0000\\\"]) { sku } }\"}");
        var withUrlQuery = RestAssured.given()
                .auth()
                .oauth2(reader.token())
                .contentType(ContentType.JSON)
                .queryParam("query", "{ orders(first: 200) { edges { node { items { sku } } } } }")
                .body(Map.of("query", "{ __typename }"))
                .post("/graphql");
        assertThat(withUrlQuery.jsonPath().getString("errors[0].extensions.code"))
                .isEqualTo("invalid_request");
        Response badStatus =
                client(Api.operatorToken()).executeSync("{ orders(status: \"bogus\") { pageInfo { hasNextPage } } }");
        assertThat(code(badStatus.getErrors().get(0))).isEqualTo("invalid_request");
        for (String body : bodies) {
            var response = RestAssured.given()
                    .auth()
                    .oauth2(reader.token())
                    .contentType(ContentType.JSON)
                    .body(body)
                    .post("/graphql");
            assertThat(response.statusCode()).as(body).isLessThan(500);
            if (response.statusCode() == 200) {
                assertThat(response.jsonPath().getList("errors")).as(body).isNotEmpty();
            }
        }
    }

    @Test
    void givesDocumentsGraphQLRefusesTheRestCode() throws Exception {
        var reader = Api.newClient("GQL Invalid", "inventory:read");
        Response response =
                client(reader.token()).executeSync("{ products(first: 1) { edges { node { noSuchField } } } }");
        assertThat(response.getData()).isNull();
        assertThat(response.getErrors()).hasSize(1);
        assertThat(code(response.getErrors().get(0))).isEqualTo("invalid_request");
        assertThat(response.getErrors().get(0).getMessage()).contains("noSuchField");
    }

    @Test
    void servesTheSchemaThatIsCheckedIn() throws Exception {
        String served = RestAssured.get("/graphql/schema.graphql")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Path file = Path.of("src/main/resources/graphql/schema.graphql");
        if (Boolean.getBoolean("qm.graphql.write-schema")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, served);
        }
        assertThat(served)
                .as(
                        "the served schema differs from %s; rerun this test with -Dqm.graphql.write-schema=true and"
                                + " commit the file",
                        file)
                .isEqualTo(Files.readString(file));
    }
}
