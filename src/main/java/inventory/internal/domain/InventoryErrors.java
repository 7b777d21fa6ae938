package inventory.internal.domain;

import java.util.List;
import java.util.Map;
import platform.error.DomainException;
import platform.error.ErrorCode;
import platform.error.FieldError;

/** The inventory module's refusals, each with the code of SPEC §8. */
public final class InventoryErrors {

    private InventoryErrors() {}

    public static DomainException productNotFound(String sku) {
        return new DomainException(ErrorCode.NOT_FOUND, "No product with SKU " + sku);
    }

    public static DomainException duplicateSku(String sku) {
        return new DomainException(
                ErrorCode.DUPLICATE_SKU,
                "A product with SKU " + sku + " exists already",
                List.of(FieldError.of("/sku", "duplicate_sku", "SKU " + sku + " is taken")),
                Map.of("sku", sku));
    }

    public static DomainException unknownSkus(List<FieldError> errors) {
        return new DomainException(
                ErrorCode.UNKNOWN_SKU,
                errors.size() == 1 ? errors.get(0).message() : errors.size() + " lines name unknown SKUs",
                errors,
                Map.of());
    }

    public static DomainException belowReserved(List<FieldError> errors) {
        return new DomainException(
                ErrorCode.STOCK_BELOW_RESERVED,
                "On-hand stock cannot go below what is reserved for orders",
                errors,
                Map.of());
    }

    public static DomainException locationNotFound(String code) {
        return new DomainException(ErrorCode.NOT_FOUND, "No location " + code);
    }

    /** An order, quote or stock change names a location that does not exist (or is inactive). */
    public static DomainException unknownLocation(String pointer, String code) {
        return unknownLocations(List.of(FieldError.of(pointer, "unknown_location", "no active location " + code)));
    }

    public static DomainException unknownLocations(List<FieldError> errors) {
        return new DomainException(
                ErrorCode.INVALID_REQUEST,
                errors.size() == 1 ? errors.get(0).message() : errors.size() + " lines name unknown locations",
                errors,
                Map.of());
    }

    public static DomainException duplicateLocation(String code) {
        return new DomainException(
                ErrorCode.CONFLICT,
                "A location with code " + code + " exists already",
                List.of(FieldError.of("/code", "duplicate_location", "location " + code + " exists")),
                Map.of());
    }
}
