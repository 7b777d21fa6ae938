package graphqlapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ParseAndValidate;
import graphql.language.Document;
import graphql.language.SourceLocation;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import platform.audit.AuditWriter;
import platform.error.DomainException;
import platform.error.ErrorCode;
import platform.web.Problem;
import platform.web.TraceIds;

/**
 * Stands in front of {@code /graphql}: the caller must be authenticated (the same token check, credential
 * status and rate-limit bucket as REST, refused with the same problem answers), and the document must stay
 * within {@link GraphQLLimits} before SmallRye GraphQL parses and runs it. Introspection is therefore open to
 * authenticated callers only. {@code /graphql/schema.graphql} is a different path and stays public.
 */
@ApplicationScoped
public class GraphQLGate {

    private static final Logger LOG = Logger.getLogger(GraphQLGate.class);
    static final String PATH = "/graphql";

    private final GraphQLLimits limits;
    private final ObjectMapper json;
    private final AuditWriter audit;
    private final long maxBody;
    private final Instance<GraphQLSchema> schema;

    GraphQLGate(
            Instance<GraphQLSchema> schema,
            GraphQLLimits limits,
            ObjectMapper json,
            AuditWriter audit,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.limits = limits;
        this.json = json;
        this.audit = audit;
        this.maxBody = maxBody.asLongValue();
        this.schema = schema;
    }

    void register(@Observes Router router) {
        // after authentication (a filter of priority 200, route order -200), before SmallRye GraphQL (-99)
        router.route(PATH)
                .order(-150)
                .handler(BodyHandler.create().setBodyLimit(maxBody))
                .handler(this::authenticate);
    }

    void authenticate(RoutingContext rc) {
        QuarkusHttpUser.getSecurityIdentity(rc, null)
                .subscribe()
                .with(
                        identity -> {
                            if (identity == null || identity.isAnonymous()) {
                                unauthorized(rc);
                            } else {
                                measure(rc, identity);
                            }
                        },
                        failure -> refuse(rc, failure));
    }

    private void refuse(RoutingContext rc, Throwable failure) {
        if (rc.response().headWritten() || rc.failed()) {
            return; // the authentication failure handler has answered already (as it does for REST)
        }
        if (failure instanceof AuthenticationFailedException || failure instanceof AuthenticationCompletionException) {
            unauthorized(rc);
        } else if (failure instanceof DomainException e) {
            if (e.code() == ErrorCode.CLIENT_SUSPENDED) {
                audit.recordRefusalLater(
                        "authorization.refused",
                        "POST " + PATH,
                        Map.of("code", e.code().code()));
            }
            problem(rc, e.code(), e.getMessage(), e.retryAfterSeconds());
        } else {
            LOG.errorf(failure, "Authentication of a GraphQL request failed [traceId=%s]", TraceIds.of(rc));
            problem(rc, ErrorCode.INTERNAL_ERROR, "An unexpected error occurred; quote the trace id to support", null);
        }
    }

    private void unauthorized(RoutingContext rc) {
        audit.recordRefusalLater("authorization.refused", "POST " + PATH, Map.of("code", "unauthorized"));
        rc.response().putHeader("WWW-Authenticate", "Bearer");
        problem(rc, ErrorCode.UNAUTHORIZED, "A valid bearer token is required", null);
    }

    private void measure(RoutingContext rc, SecurityIdentity identity) {
        String query;
        String operationName;
        Map<String, Object> variables;
        try {
            if (rc.request().method() == HttpMethod.GET) {
                query = rc.request().getParam("query");
                operationName = rc.request().getParam("operationName");
                String raw = rc.request().getParam("variables");
                variables = raw == null ? Map.of() : variables(json.readTree(raw));
            } else {
                if (rc.request().getParam("query") != null) {
                    // only the body of a POST is measured: a second document in the URL is not accepted
                    refuseDocument(rc, "send the query in the body of a POST, or as ?query= of a GET");
                    return;
                }
                String contentType = rc.request().getHeader(HttpHeaders.CONTENT_TYPE);
                String body = rc.body().asString();
                if (contentType != null
                        && contentType.startsWith("application/graphql")
                        && !contentType.startsWith("application/graphql-response")) {
                    query = body;
                    operationName = null;
                    variables = Map.of();
                } else {
                    JsonNode request = body == null ? null : json.readTree(body);
                    if (request == null || !request.isObject()) {
                        refuseDocument(rc, "the body must be a JSON object with a query");
                        return;
                    }
                    query = request.path("query").isTextual()
                            ? request.get("query").asText()
                            : null;
                    operationName = request.path("operationName").isTextual()
                            ? request.get("operationName").asText()
                            : null;
                    variables = variables(request.get("variables"));
                }
            }
        } catch (Exception e) {
            refuseDocument(rc, "the request is not a GraphQL request");
            return;
        }
        if (query == null || query.isBlank()) {
            refuseDocument(rc, "the request has no query");
            return;
        }
        QueryCost.Measure measure;
        try {
            Document document = Parser.parse(query);
            // validated here too, so that a document GraphQL itself refuses gets the code REST would give
            List<ValidationError> invalid =
                    schema.isResolvable() ? ParseAndValidate.validate(schema.get(), document) : List.of();
            if (!invalid.isEmpty()) {
                refuseInvalid(rc, invalid);
                return;
            }
            measure = QueryCost.of(document, operationName, variables);
        } catch (QueryCost.Unmeasurable e) {
            refuseDocument(rc, e.getMessage());
            return;
        } catch (RuntimeException e) { // syntax errors, and documents past the parser's own token limits
            refuseDocument(rc, "the query is not valid GraphQL: " + firstLine(e.getMessage()));
            return;
        }
        if (measure.depth() > limits.maxDepth()) {
            refuseDocument(
                    rc, "the query is " + measure.depth() + " fields deep; at most " + limits.maxDepth() + " allowed");
            return;
        }
        if (measure.cost() > limits.maxCost()) {
            refuseDocument(
                    rc,
                    "the query would cost " + measure.cost() + " (fields times list sizes); at most " + limits.maxCost()
                            + " allowed: ask for smaller pages");
            return;
        }
        rc.next();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> variables(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        return json.convertValue(node, Map.class);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    private void refuseInvalid(RoutingContext rc, List<ValidationError> invalid) {
        var body = json.createObjectNode();
        var errors = body.putArray("errors");
        for (ValidationError validation : invalid) {
            var error = errors.addObject();
            error.put("message", validation.getMessage());
            if (validation.getLocations() != null && !validation.getLocations().isEmpty()) {
                var locations = error.putArray("locations");
                for (SourceLocation location : validation.getLocations()) {
                    locations.addObject().put("line", location.getLine()).put("column", location.getColumn());
                }
            }
            error.putObject("extensions")
                    .put("code", ErrorCode.INVALID_REQUEST.code())
                    .put("status", ErrorCode.INVALID_REQUEST.status())
                    .put("classification", "ValidationError");
        }
        rc.response()
                .setStatusCode(200)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body.toString());
    }

    /** A document refused before it runs: a GraphQL error without data, coded like REST's 400. */
    private void refuseDocument(RoutingContext rc, String message) {
        var error = json.createObjectNode();
        error.put("message", message);
        error.putObject("extensions")
                .put("code", ErrorCode.INVALID_REQUEST.code())
                .put("status", ErrorCode.INVALID_REQUEST.status())
                .put("traceId", TraceIds.of(rc));
        var body = json.createObjectNode();
        body.putArray("errors").add(error);
        rc.response()
                .setStatusCode(200)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body.toString());
    }

    private void problem(RoutingContext rc, ErrorCode code, String detail, Long retryAfter) {
        Problem problem = Problem.of(code, detail, rc.request().path(), TraceIds.of(rc), null, null);
        if (retryAfter != null) {
            rc.response().putHeader("Retry-After", String.valueOf(retryAfter));
        } else if (Boolean.TRUE.equals(problem.retryable())) {
            rc.response().putHeader("Retry-After", "1");
        }
        try {
            rc.response()
                    .setStatusCode(code.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem));
        } catch (Exception e) {
            rc.fail(e);
        }
    }
}
