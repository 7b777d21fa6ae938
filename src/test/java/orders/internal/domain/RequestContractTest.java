package orders.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import orders.ShipTo;
import orders.internal.web.CreateOrderRequest;
import orders.internal.web.CreateQuoteRequest;
import orders.internal.web.ShipmentResource;
import org.junit.jupiter.api.Test;

/**
 * The request records are the OpenAPI contract; {@link OrderRequestParser} reads the same bodies member by
 * member so that it can report every problem at once (ADR 0055). This keeps the two from drifting apart:
 * a member added to one and not the other fails here, before a generated SDK sends what the server refuses.
 */
class RequestContractTest {

    @Test
    void theParserAcceptsExactlyTheMembersTheDocumentDeclares() {
        assertThat(OrderRequestParser.FIELDS).isEqualTo(members(CreateOrderRequest.class));
        assertThat(OrderRequestParser.LINE_FIELDS).isEqualTo(members(CreateOrderRequest.Line.class));
        assertThat(OrderRequestParser.SHIP_TO_FIELDS).isEqualTo(members(ShipTo.class));
        assertThat(OrderRequestParser.QUOTE_FIELDS).isEqualTo(members(CreateQuoteRequest.class));
        assertThat(OrderRequestParser.SHIPMENT_FIELDS).isEqualTo(members(ShipmentResource.CreateShipmentRequest.class));
    }

    private static Set<String> members(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toSet());
    }
}
