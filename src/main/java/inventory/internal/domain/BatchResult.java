package inventory.internal.domain;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a product batch upsert. */
@Schema(
        name = "ProductBatchResult",
        requiredProperties = {"created", "updated", "items"})
public record BatchResult(int created, int updated, List<ProductView> items) {}
