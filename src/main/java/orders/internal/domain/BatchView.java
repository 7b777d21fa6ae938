package orders.internal.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A batch's progress and the outcome of each of its orders. */
@Schema(
        name = "OrderBatch",
        requiredProperties = {
            "batchId",
            "status",
            "total",
            "processed",
            "accepted",
            "rejected",
            "createdAt",
            "completedAt",
            "results"
        })
public record BatchView(
        UUID batchId,

        @Schema(enumeration = {"queued", "processing", "completed"})
        String status,

        int total,
        int processed,
        int accepted,
        int rejected,
        Instant createdAt,
        @Schema(nullable = true) Instant completedAt,
        List<Result> results) {

    /**
     * The outcome of the order at {@code index} in the batch (only processed orders are listed); {@code error}
     * is the problem the synchronous endpoint would have answered.
     */
    @Schema(
            name = "OrderBatchResult",
            requiredProperties = {"index", "status"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(
            int index,
            String externalRef,
            @Schema(enumeration = {"created", "rejected"}) String status,
            @Schema(description = "when created") UUID orderId,

            @JsonRawValue @Schema(implementation = platform.web.Problem.class)
            String error) {}
}
