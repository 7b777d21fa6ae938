package apidoc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules every operation and schema of the OpenAPI document must follow so that generated SDKs can
 * trust it (docs/sdk.md lists them for people). {@link #check} answers every violation, so a new endpoint
 * that is not documented properly fails the build with a list of what to add.
 */
final class ContractRules {

    private static final Pattern OPERATION_ID = Pattern.compile("^[a-z][a-zA-Z0-9]*$");
    private static final Set<String> JAVA_TYPE_NAMES = Set.of(
            "JsonNode",
            "JsonNodeType",
            "ObjectNode",
            "ArrayNode",
            "MultivaluedMap",
            "MultivaluedMapStringString",
            "Instant",
            "UUID",
            "Object",
            "Map",
            "Optional",
            "BigDecimal",
            "LocalDate",
            "OffsetDateTime",
            "Response",
            "Uni",
            "Multi");
    private static final List<String> RATE_LIMIT_HEADERS =
            List.of("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset");
    private static final String PROBLEM = "application/problem+json";

    private final JsonNode doc;
    private final List<String> violations = new ArrayList<>();

    private ContractRules(JsonNode doc) {
        this.doc = doc;
    }

    static List<String> check(JsonNode doc) {
        ContractRules rules = new ContractRules(doc);
        rules.document();
        rules.operations();
        rules.schemas();
        return rules.violations;
    }

    private void document() {
        if (!doc.path("openapi").asText().startsWith("3.0.")) {
            violations.add("the document must be OpenAPI 3.0.x (ADR 0035), not "
                    + doc.path("openapi").asText());
        }
        if (doc.path("servers").isEmpty()) {
            violations.add("the document needs a servers entry");
        }
        String tokenUrl = doc.at("/components/securitySchemes/oauth2/flows/clientCredentials/tokenUrl")
                .asText();
        if (!tokenUrl.startsWith("http")) {
            violations.add("the oauth2 scheme needs an absolute clientCredentials tokenUrl, not '" + tokenUrl + "'");
        }
        for (JsonNode tag : doc.path("tags")) {
            if (tag.path("description").asText().isBlank()) {
                violations.add("tag " + tag.path("name").asText() + " needs a description");
            }
        }
    }

    private void operations() {
        Set<String> ids = new HashSet<>();
        Set<String> tags = new HashSet<>();
        doc.path("tags").forEach(t -> tags.add(t.path("name").asText()));
        JsonNode scopes = doc.at("/components/securitySchemes/oauth2/flows/clientCredentials/scopes");
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (op.getKey().equals("parameters")) {
                    continue;
                }
                new OperationRules(op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey(), op.getValue())
                        .check(
                                ids,
                                tags,
                                scopes,
                                path.getKey().startsWith("/v1/")
                                        || path.getKey().equals("/v1"));
            }
        }
    }

    /** The rules of one operation. */
    private final class OperationRules {

        private final String name;
        private final JsonNode op;

        OperationRules(String name, JsonNode op) {
            this.name = name;
            this.op = op;
        }

        void check(Set<String> ids, Set<String> tags, JsonNode scopes, boolean secured) {
            String id = op.path("operationId").asText();
            if (!OPERATION_ID.matcher(id).matches()) {
                fail("needs a lowerCamelCase operationId such as createOrder (@Operation(operationId = ...))");
            } else if (!ids.add(id)) {
                fail("repeats the operationId " + id);
            }
            if (op.path("tags").size() != 1
                    || !tags.contains(op.path("tags").path(0).asText())) {
                fail("needs exactly one of the document's tags (apidoc.ApiTags)");
            }
            if (op.path("summary").asText().isBlank()) {
                fail("needs a summary");
            }
            responses(secured);
            parameters();
            body();
            if (secured) {
                security(scopes);
            }
        }

        private void responses(boolean secured) {
            JsonNode responses = op.path("responses");
            boolean success = false;
            for (Iterator<Map.Entry<String, JsonNode>> it = responses.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String code = entry.getKey();
                JsonNode response = resolve(entry.getValue(), "/components/responses/");
                if (response.path("description").asText().isBlank()) {
                    fail("answer " + code + " needs a description");
                }
                if (code.startsWith("2")) {
                    success = true;
                    if (!code.equals("204") && response.path("content").isEmpty()) {
                        fail("answer " + code + " needs content with a schema");
                    }
                    if (secured && !response.path("headers").has(RATE_LIMIT_HEADERS.get(0))) {
                        fail("answer " + code + " must declare the RateLimit-* headers");
                    }
                } else if (code.startsWith("4") || code.startsWith("5")) {
                    problem(code, response);
                }
            }
            if (!success) {
                fail("needs a 2xx answer");
            }
            require("500", "503");
            if (secured) {
                require("401", "403", "429");
            }
            if (op.path("responses").has("201")
                    && !resolve(op.path("responses").path("201"), "/components/responses/")
                            .path("headers")
                            .has("Location")) {
                fail("answer 201 must declare the Location header");
            }
        }

        private void problem(String code, JsonNode response) {
            JsonNode content = response.path("content");
            boolean oauth = content.has("application/json")
                    && content.at("/application~1json/schema/$ref").asText().endsWith("/OAuthError");
            if (oauth && (code.equals("400") || code.equals("401"))) {
                return;
            }
            if (!content.at("/" + PROBLEM.replace("/", "~1") + "/schema/$ref")
                            .asText()
                            .equals("#/components/schemas/Problem")
                    || content.size() != 1) {
                fail("answer " + code + " must be application/problem+json with the Problem schema");
            }
        }

        private void parameters() {
            boolean any = false;
            for (JsonNode raw : op.path("parameters")) {
                JsonNode p = resolve(raw, "/components/parameters/");
                String in = p.path("in").asText();
                any |= !in.equals("path");
                String pname = p.path("name").asText();
                if (in.equals("path")) {
                    require("404");
                }
                if (in.equals("query") && (pname.equals("limit") || pname.equals("cursor")) && !raw.has("$ref")) {
                    fail("query parameter " + pname + " must be the shared #/components/parameters/" + pname);
                }
                if (!typed(p.path("schema"))) {
                    fail("parameter " + pname + " needs a typed schema");
                }
                if (in.equals("header") && pname.equals("If-Match")) {
                    require("412");
                    if (p.path("required").asBoolean()) {
                        require("428");
                    }
                    for (Iterator<Map.Entry<String, JsonNode>> it =
                                    op.path("responses").fields();
                            it.hasNext(); ) {
                        Map.Entry<String, JsonNode> r = it.next();
                        if (r.getKey().startsWith("2")
                                && !r.getValue().path("headers").has("ETag")) {
                            fail("answer " + r.getKey() + " must declare ETag, since the operation reads If-Match");
                        }
                    }
                }
            }
            if (any || op.has("requestBody")) {
                require("400");
            }
        }

        private void body() {
            if (!op.has("requestBody")) {
                return;
            }
            JsonNode content = op.path("requestBody").path("content");
            if (content.isEmpty()) {
                fail("request body needs content with a schema");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = content.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> media = it.next();
                if (!typed(media.getValue().path("schema"))) {
                    fail("request body " + media.getKey() + " needs a schema");
                }
                if (media.getKey().contains("json")) {
                    require("413", "415");
                }
            }
            if (name.startsWith("PATCH ") && (content.size() != 1 || !content.has("application/merge-patch+json"))) {
                fail("a PATCH body is application/merge-patch+json with a schema of the patchable members");
            }
        }

        private void security(JsonNode scopes) {
            JsonNode security = op.path("security");
            boolean oauth = false;
            for (JsonNode requirement : security) {
                requirement.fieldNames().forEachRemaining(scheme -> {
                    if (!scheme.equals("oauth2")) {
                        fail("may only require oauth2 (a bearer token), not " + scheme);
                    }
                });
                JsonNode wanted = requirement.path("oauth2");
                if (wanted.isArray()) {
                    oauth = true;
                    if (wanted.isEmpty()) {
                        fail("its oauth2 requirement must name the scope (@SecurityRequirement(scopes = ...))");
                    }
                    wanted.forEach(s -> {
                        if (!scopes.has(s.asText())) {
                            fail("names the undeclared scope " + s.asText());
                        }
                    });
                }
            }
            if (!oauth) {
                fail("needs @SecurityRequirement(name = \"oauth2\", scopes = ...)");
            }
        }

        private void require(String... codes) {
            for (String code : codes) {
                if (!op.path("responses").has(code)) {
                    fail("must declare answer " + code);
                }
            }
        }

        private void fail(String message) {
            violations.add(name + " " + message);
        }
    }

    private void schemas() {
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        doc.at("/components/schemas").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> schema = it.next();
            String simple = schema.getKey();
            if (JAVA_TYPE_NAMES.contains(simple) || simple.startsWith("MultivaluedMap")) {
                violations.add("schema " + simple + " is a Java implementation type; describe the JSON instead");
            }
            walk("schema " + simple, schema.getValue());
        }
    }

    private void walk(String where, JsonNode schema) {
        if (schema.has("$ref")) {
            String ref = schema.path("$ref").asText();
            if (doc.at(ref.substring(1)).isMissingNode()) {
                violations.add(where + " refers to the missing " + ref);
            }
            return;
        }
        if (!typed(schema)) {
            violations.add(where + " has no type");
        }
        if (schema.path("type").asText().equals("array") && schema.has("enum")) {
            violations.add(where + " puts enum on the array instead of its items");
        }
        schema.path("properties").fields().forEachRemaining(p -> walk(where + "." + p.getKey(), p.getValue()));
        if (schema.has("items")) {
            walk(where + "[]", schema.path("items"));
        }
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            schema.path(combinator).forEach(s -> walk(where, s));
        }
    }

    private static boolean typed(JsonNode schema) {
        return schema.has("type")
                || schema.has("$ref")
                || schema.has("allOf")
                || schema.has("oneOf")
                || schema.has("anyOf");
    }

    private JsonNode resolve(JsonNode node, String prefix) {
        String ref = node.path("$ref").asText();
        return ref.isEmpty() ? node : doc.at(ref.substring(1));
    }
}
