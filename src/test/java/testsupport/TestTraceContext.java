package testsupport;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Optional;
import platform.outbox.TraceContext;

/**
 * Stands in for tracing in tests: the events written while {@link #use} runs carry the given
 * {@code traceparent}; at every other time, none (as without tracing).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestTraceContext implements TraceContext {

    private static volatile String current;

    /** Runs {@code work} (requests to the application under test) with this trace context. */
    public static void use(String traceparent, Runnable work) {
        current = traceparent;
        try {
            work.run();
        } finally {
            current = null;
        }
    }

    @Override
    public Optional<String> traceparent() {
        return Optional.ofNullable(current);
    }
}
