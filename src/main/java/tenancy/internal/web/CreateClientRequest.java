package tenancy.internal.web;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import platform.error.DomainException;
import platform.money.Money;
import tenancy.internal.domain.NewClient;

/** Body of {@code POST /v1/clients}. The id, status and version are the server's to set. */
@Schema(name = "CreateClientRequest")
public record CreateClientRequest(
        @NotBlank @Size(max = 200) String name,

        @NotNull
        @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code such as EUR")
        @Schema(examples = "EUR")
        String currency,

        @NotNull
        @Pattern(regexp = MONEY, message = "must be a non-negative money string such as \"50000.00\"")
        @Schema(examples = "50000.00")
        String creditLimit,

        @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2)
        BigDecimal discountPercent,

        @Min(1) @Max(1_000_000) Integer rateLimitPerMinute,
        @Email @Size(max = 254) String contactEmail,
        @Size(min = 1, max = 64) String taxId) {

    static final String MONEY = "^(0|[1-9][0-9]{0,14})(\\.[0-9]{1,2})?$";

    NewClient toNewClient() {
        if (!ClientPatchReader.isIsoCurrency(currency)) {
            throw DomainException.invalid("/currency", "unknown ISO 4217 currency " + currency);
        }
        return new NewClient(
                name,
                currency,
                Money.parse(creditLimit).orElseThrow(),
                discountPercent,
                rateLimitPerMinute,
                contactEmail,
                taxId);
    }
}
