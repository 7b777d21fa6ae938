package platform.outbox;

import java.util.Optional;

/**
 * The W3C {@code traceparent} of the work that is writing events, stored with each outbox row and
 * carried to every CloudEvent (extension attribute) and Kafka record (header). The default knows of
 * no trace; tracing supplies its own bean.
 */
public interface TraceContext {

    Optional<String> traceparent();
}
