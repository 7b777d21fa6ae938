package apidoc.internal;

import apidoc.ApiDocument;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Completes the scanned document with what every operation shares (see {@link StandardErrors}) and
 * with this deployment's address: the {@code servers} entry and the absolute token URL come from
 * {@code quartermaster.api.public-url} (default: the token issuer). It runs at build time, for the
 * document the build stores and validates, and again at start-up with the runtime configuration.
 */
@OpenApiFilter(stages = {OpenApiFilter.RunStage.BUILD, OpenApiFilter.RunStage.RUNTIME_STARTUP})
public class ContractFilter implements OASFilter {

    /** The configuration key of the address clients reach the API at. */
    static final String PUBLIC_URL = "quartermaster.api.public-url";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        Components components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        api.setComponents(components);
        SharedComponents.addTo(components);
        ProblemExtensions.addTo(components);
        String server = publicUrl();
        api.setServers(List.of(OASFactory.createServer().url(server).description("this deployment")));
        SecurityScheme oauth2 = components.getSecuritySchemes() == null
                ? null
                : components.getSecuritySchemes().get(ApiDocument.OAUTH2);
        if (oauth2 != null && oauth2.getFlows() != null && oauth2.getFlows().getClientCredentials() != null) {
            oauth2.getFlows().getClientCredentials().setTokenUrl(server + ApiDocument.TOKEN_PATH);
        }
        if (api.getPaths() != null && api.getPaths().getPathItems() != null) {
            api.getPaths()
                    .getPathItems()
                    .values()
                    .forEach(item -> item.getOperations().values().forEach(StandardErrors::complete));
        }
        InlineFormats.apply(api);
    }

    private static String publicUrl() {
        Config config = ConfigProvider.getConfig();
        String url = config.getOptionalValue(PUBLIC_URL, String.class)
                .or(() -> config.getOptionalValue("quartermaster.tokens.issuer", String.class))
                .orElse("http://localhost:8080");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
