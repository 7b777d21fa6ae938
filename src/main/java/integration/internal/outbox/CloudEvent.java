package integration.internal.outbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A CloudEvents 1.0 event in structured JSON mode, with the {@code tenantid} extension where it belongs
 * to a client and the {@code traceparent} extension where the trace context is known.
 */
@Schema(name = "CloudEvent")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(
        String specversion,
        String id,
        String source,
        @Schema(examples = "order.created") String type,
        @Schema(description = "the order id or the SKU") String subject,
        Instant time,
        String datacontenttype,
        String tenantid,

        @Schema(description = "W3C trace context of the request that caused the event, when known")
        String traceparent,

        @Schema(type = SchemaType.OBJECT, description = "the order or stock level as the API shows it")
        JsonNode data) {}
