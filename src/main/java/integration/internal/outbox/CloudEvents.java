package integration.internal.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one CloudEvents envelope builder: every channel (feed, Kafka, webhooks) turns an outbox row into
 * the same event with the same attributes, and the same JSON text where it sends text.
 */
@ApplicationScoped
public class CloudEvents {

    public static final String SPEC_VERSION = "1.0";
    public static final String DATA_CONTENT_TYPE = "application/json";
    /** The media type of a CloudEvent in structured JSON mode. */
    public static final String MEDIA_TYPE = "application/cloudevents+json; charset=UTF-8";

    private final ObjectMapper json;

    CloudEvents(ObjectMapper json) {
        this.json = json;
    }

    public CloudEvent of(OutboxRecord row) {
        try {
            return new CloudEvent(
                    SPEC_VERSION,
                    row.id().toString(),
                    row.source(),
                    row.type(),
                    row.subject(),
                    row.time(),
                    DATA_CONTENT_TYPE,
                    row.tenantId() == null ? null : row.tenantId().toString(),
                    row.traceparent(),
                    json.readTree(row.data()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox row " + row.id() + " holds data that is not JSON", e);
        }
    }

    /** The event as structured-mode JSON text. */
    public String json(OutboxRecord row) {
        try {
            return json.writeValueAsString(of(row));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
