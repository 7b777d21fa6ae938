package orders.internal.domain;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The immediate answer to a batch: queued for processing. */
@Schema(
        name = "OrderBatchAccepted",
        requiredProperties = {"batchId", "status", "total"})
public record BatchAccepted(
        UUID batchId, @Schema(enumeration = "queued") String status, int total) {}
