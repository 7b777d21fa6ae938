package integration.internal.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * The Reactive Messaging channel {@code outbox} (the Kafka connector), in a bean of its own so that it is
 * created only once the messaging graph is wired, after start-up.
 */
@ApplicationScoped
public class OutboxChannel {

    @Inject
    @Channel("outbox")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1000)
    Emitter<String> emitter;

    Emitter<String> emitter() {
        return emitter;
    }
}
