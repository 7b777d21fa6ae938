package platform.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * The contract of an event that leaves the process: implemented by the typed records of
 * {@code <module>.events}, written once by {@link OutboxWriter} and read back, typed again, by the
 * integration module. {@link #data()} is what consumers see as the CloudEvent's {@code data}.
 */
public interface OutboxEvent {

    /** The CloudEvents {@code type}, such as {@code order.created}. */
    String type();

    /** The CloudEvents {@code source}: the module that published it, such as {@code /orders}. */
    String source();

    /** The key: an order id or a SKU; the CloudEvents {@code subject} and the Kafka record key. */
    String subject();

    /** The Kafka topic, such as {@code quartermaster.orders}. */
    String topic();

    /** The version of the {@link #data()} shape; a change that breaks readers publishes a new version. */
    int schemaVersion();

    /** The client the event belongs to, or null when it belongs to everyone (stock). */
    UUID tenantId();

    /** When the change happened (the CloudEvents {@code time}). */
    Instant occurredAt();

    /** The payload, serialised as JSON once, by the writer. */
    Object data();
}
