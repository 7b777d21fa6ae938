package orders.internal.web;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shape of {@code POST /v1/quotes} for the OpenAPI document; the body itself is read by
 * {@code OrderRequestParser.parseQuote}, which reports every problem at once.
 */
@Schema(name = "CreateQuoteRequest")
public record CreateQuoteRequest(
        @Schema(description = "the client's reference, unique per client among quotes", maxLength = 100)
        String externalRef,

        @Schema(maxLength = 2000) String notes,

        @Schema(required = true, minItems = 1, maxItems = 10_000)
        List<CreateOrderRequest.Line> lines,

        @Schema(
                pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
                description = "hold every line's stock at this location; absent: the allocator chooses (as for orders)")
        String location) {}
