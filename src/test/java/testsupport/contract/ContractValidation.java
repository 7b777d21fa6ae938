package testsupport.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import io.restassured.RestAssured;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A RestAssured filter, installed for every test, that checks each answer of the application against
 * the OpenAPI document the same application serves at {@code /q/openapi}: a status, header or body the
 * document does not describe fails the test. Requests are not checked, since tests send bad ones on
 * purpose; paths the document does not name ({@code /q/*}, unknown ones) are left alone.
 */
public final class ContractValidation implements OrderedFilter {

    public static final ContractValidation INSTANCE = new ContractValidation();

    private static final Map<String, Optional<OpenApiInteractionValidator>> VALIDATORS = new ConcurrentHashMap<>();

    private ContractValidation() {}

    /** Adds the filter to RestAssured's global filters once. */
    public static synchronized void install() {
        if (!RestAssured.filters().contains(INSTANCE)) {
            RestAssured.filters(INSTANCE);
        }
    }

    /** Outermost, so that it sees the answer as the test sees it. */
    @Override
    public int getOrder() {
        return OrderedFilter.HIGHEST_PRECEDENCE;
    }

    @Override
    public Response filter(
            FilterableRequestSpecification request, FilterableResponseSpecification responseSpec, FilterContext ctx) {
        Response response = ctx.next(request, responseSpec);
        URI uri = URI.create(request.getURI());
        String path = uri.getRawPath();
        if (path == null || path.startsWith("/q/")) {
            return response;
        }
        Request.Method method = method(request.getMethod());
        if (method == null) {
            return response;
        }
        String base = uri.getScheme() + "://" + uri.getRawAuthority();
        VALIDATORS.computeIfAbsent(base, ContractValidation::load).ifPresent(validator -> {
            ValidationReport report = validator.validateResponse(path, method, of(response));
            if (report.hasErrors()) {
                throw new AssertionError(
                        "The answer to " + request.getMethod() + " " + path + " (" + response.statusCode()
                                + ") does not match the OpenAPI document:\n"
                                + SimpleValidationReportFormat.getInstance().apply(report) + "\nbody: "
                                + abbreviate(response.asString()));
            }
        });
        return response;
    }

    /** The document the application at {@code base} serves; empty when that is not our application. */
    private static Optional<OpenApiInteractionValidator> load(String base) {
        Response document =
                RestAssured.given().relaxedHTTPSValidation().baseUri(base).get("/q/openapi?format=json");
        if (document.statusCode() != 200 || !document.asString().contains("\"openapi\"")) {
            return Optional.empty();
        }
        // nullable references ({nullable, allOf: [$ref]}) the library mis-reads are inlined for it first
        return Optional.of(OpenApiInteractionValidator.createForInlineApiSpecification(
                        NullableReferences.inline(document.asString()))
                .withBasePathOverride("/")
                .withLevelResolver(LevelResolver.create()
                        // the suite sends malformed requests on purpose; only the answers are the contract
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .build())
                .build());
    }

    static com.atlassian.oai.validator.model.Response of(Response response) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.statusCode());
        for (Header header : response.getHeaders()) {
            builder.withHeader(header.getName(), header.getValue());
        }
        String body = response.asString();
        if (body != null && !body.isEmpty()) {
            builder.withBody(body);
        }
        return builder.build();
    }

    /** The method, or null for one the document cannot name (a test may send any). */
    private static Request.Method method(String name) {
        try {
            return Request.Method.valueOf(name.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String abbreviate(String body) {
        return body == null || body.length() <= 2000 ? body : body.substring(0, 2000) + "…";
    }
}
