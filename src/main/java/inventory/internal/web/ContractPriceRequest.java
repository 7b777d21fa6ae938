package inventory.internal.web;

import inventory.internal.domain.PriceTier;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import platform.error.Validation;
import platform.money.Money;

/** Body of {@code PUT /v1/clients/{id}/prices/{sku}}: quantity tiers that replace the previous ones. */
@Schema(name = "ContractPriceRequest")
public record ContractPriceRequest(
        @NotNull @Size(min = 1, max = 50) List<@Valid @NotNull Tier> tiers) {

    /** From {@code minQuantity} units on, each costs {@code unitPrice}. */
    @Schema(name = "ContractPriceTierInput")
    public record Tier(
            @NotNull @Min(1) @Max(1_000_000) Integer minQuantity,

            @NotNull
            @Pattern(regexp = ProductInput.MONEY, message = "must be a non-negative money string such as \"9.10\"")
            String unitPrice) {}

    List<PriceTier> toTiers() {
        Validation v = new Validation();
        Map<Integer, Integer> seen = new HashMap<>();
        for (int i = 0; i < tiers.size(); i++) {
            Integer earlier = seen.putIfAbsent(tiers.get(i).minQuantity(), i);
            if (earlier != null) {
                v.add("/tiers/" + i + "/minQuantity", "duplicate", "minQuantity repeats /tiers/" + earlier);
            }
        }
        v.throwIfInvalid();
        return tiers.stream()
                .map(t -> new PriceTier(
                        t.minQuantity(), Money.parse(t.unitPrice()).orElseThrow()))
                .toList();
    }
}
