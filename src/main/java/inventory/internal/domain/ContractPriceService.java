package inventory.internal.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import platform.error.DomainException;
import platform.error.ErrorCode;
import platform.money.Money;
import tenancy.TenancyApi;

/** Contract prices: a client's quantity tiers for a SKU, replaced as a whole by each PUT. */
@ApplicationScoped
public class ContractPriceService {

    private final ContractPriceRepository prices;
    private final TenancyApi tenancy;

    ContractPriceService(ContractPriceRepository prices, TenancyApi tenancy) {
        this.prices = prices;
        this.tenancy = tenancy;
    }

    @Transactional
    public ContractPriceView put(UUID clientId, String sku, List<PriceTier> tiers) {
        requireClientAndProduct(clientId, sku);
        ContractPriceRepository.Head head = prices.replace(clientId, sku, tiers);
        return view(clientId, sku, tiers, head.version(), head.updatedAt());
    }

    @Transactional
    public ContractPriceView get(UUID clientId, String sku) {
        ContractPriceRepository.Head head = prices.head(clientId, sku).orElseThrow(ContractPriceService::noPrice);
        return view(clientId, sku, prices.tiers(clientId, sku), head.version(), head.updatedAt());
    }

    @Transactional
    public void delete(UUID clientId, String sku) {
        if (!prices.delete(clientId, sku)) {
            throw noPrice();
        }
    }

    private static DomainException noPrice() {
        return new DomainException(ErrorCode.NOT_FOUND, "No contract price for this client and SKU");
    }

    private void requireClientAndProduct(UUID clientId, String sku) {
        if (tenancy.terms(clientId).isEmpty()) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No client " + clientId);
        }
        if (ProductEntity.count("sku", sku) == 0) {
            throw InventoryErrors.productNotFound(sku);
        }
    }

    private static ContractPriceView view(
            UUID clientId, String sku, List<PriceTier> tiers, long version, OffsetDateTime updatedAt) {
        List<ContractPriceView.Tier> shown = tiers.stream()
                .sorted(java.util.Comparator.comparingInt(PriceTier::minQuantity))
                .map(t -> new ContractPriceView.Tier(t.minQuantity(), Money.format(t.unitPrice())))
                .toList();
        return new ContractPriceView(clientId, sku, shown, version, updatedAt.toInstant());
    }
}
