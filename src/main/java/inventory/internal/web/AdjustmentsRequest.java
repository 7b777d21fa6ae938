package inventory.internal.web;

import inventory.internal.domain.StockService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import platform.error.Validation;

/** Body of {@code POST /v1/inventory/adjustments}: up to 10,000 relative changes, applied atomically. */
@Schema(name = "AdjustmentsRequest")
public record AdjustmentsRequest(
        @NotNull @Size(min = 1, max = 10_000) List<@Valid @NotNull Line> adjustments) {

    /** One relative change of one SKU. */
    @Schema(name = "Adjustment")
    public record Line(
            @NotNull @Pattern(regexp = ProductInput.SKU, message = "must match " + ProductInput.SKU)
            String sku,

            @NotNull @Min(-1_000_000_000L) @Max(1_000_000_000L)
            Long delta,

            @NotNull
            @Pattern(
                    regexp = "^(restock|count|damage|return|correction)$",
                    message = "must be one of restock, count, damage, return, correction")
            @Schema(enumeration = {"restock", "count", "damage", "return", "correction"})
            String reason,

            @Pattern(regexp = LocationInput.CODE, message = "must match " + LocationInput.CODE)
            @Schema(description = "the location adjusted (GET /v1/locations); absent: 'default'")
            String location) {}

    List<StockService.Adjustment> toAdjustments() {
        Validation v = new Validation();
        List<StockService.Adjustment> lines = new ArrayList<>(adjustments.size());
        for (int i = 0; i < adjustments.size(); i++) {
            Line line = adjustments.get(i);
            if (line.delta() == 0) {
                v.add("/adjustments/" + i + "/delta", "invalid", "delta must not be 0");
            }
            lines.add(new StockService.Adjustment(i, line.sku(), line.delta(), line.reason(), line.location()));
        }
        v.throwIfInvalid();
        return lines;
    }
}
