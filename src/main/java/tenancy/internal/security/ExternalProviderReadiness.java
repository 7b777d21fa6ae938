package tenancy.internal.security;

import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * With an external identity provider configured, an instance that cannot fetch any of its signing keys
 * cannot verify its tokens: it is not ready. Fetches the provider's JWKS (from the configured path, or
 * the one its discovery document names) on each readiness check, with a short time-out.
 */
@Readiness
@ApplicationScoped
public class ExternalProviderReadiness implements HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final boolean enabled;
    private final Optional<String> authServerUrl;
    private final Optional<String> jwksPath;
    private final boolean discovery;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    ExternalProviderReadiness(
            @ConfigProperty(name = "quarkus.oidc.external.tenant-enabled", defaultValue = "false") boolean enabled,
            @ConfigProperty(name = "quarkus.oidc.external.auth-server-url") Optional<String> authServerUrl,
            @ConfigProperty(name = "quarkus.oidc.external.jwks-path") Optional<String> jwksPath,
            @ConfigProperty(name = "quarkus.oidc.external.discovery-enabled", defaultValue = "true")
                    boolean discovery) {
        this.enabled = enabled;
        this.authServerUrl = authServerUrl;
        this.jwksPath = jwksPath;
        this.discovery = discovery;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("External identity provider");
        if (!enabled || authServerUrl.isEmpty()) {
            return response.up().withData("configured", false).build();
        }
        try {
            int keys = new JsonObject(get(jwksUrl())).getJsonArray("keys").size();
            return response.status(keys > 0).withData("keys", keys).build();
        } catch (Exception e) {
            return response.down()
                    .withData("error", e.getClass().getSimpleName())
                    .build();
        }
    }

    private String jwksUrl() throws Exception {
        String base = authServerUrl.orElseThrow();
        if (jwksPath.isPresent()) {
            String path = jwksPath.get();
            return path.startsWith("http") ? path : base.replaceAll("/$", "") + "/" + path.replaceAll("^/", "");
        }
        if (!discovery) {
            throw new IllegalStateException("neither jwks-path nor discovery");
        }
        return new JsonObject(get(base.replaceAll("/$", "") + "/.well-known/openid-configuration"))
                .getString("jwks_uri");
    }

    private String get(String url) throws Exception {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + answer.statusCode());
        }
        return answer.body();
    }
}
