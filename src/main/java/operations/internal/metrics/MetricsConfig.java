package operations.internal.metrics;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** Who may read /q/metrics besides operators. */
@ConfigMapping(prefix = "quartermaster.metrics")
public interface MetricsConfig {

    /**
     * A static bearer credential for Prometheus (at least 32 characters, e.g. from
     * {@code head -c32 /dev/urandom | base64}); unset, only operator tokens with audit:read read metrics.
     */
    Optional<String> scrapeToken();
}
