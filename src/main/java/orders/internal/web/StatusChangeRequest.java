package orders.internal.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /v1/orders/{id}/status}. Cancelling has its own endpoint. */
@Schema(name = "StatusChangeRequest")
public record StatusChangeRequest(
        @NotNull
        @Pattern(regexp = "^(processing|shipped|delivered)$", message = "must be processing, shipped or delivered")
        @Schema(enumeration = {"processing", "shipped", "delivered"})
        String status,

        @Size(min = 1, max = 100) String trackingNumber) {}
