package platform.outbox;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Used until tracing provides a {@link TraceContext}: events are written without a {@code traceparent}. */
@DefaultBean
@ApplicationScoped
class NoTraceContext implements TraceContext {

    @Override
    public Optional<String> traceparent() {
        return Optional.empty();
    }
}
