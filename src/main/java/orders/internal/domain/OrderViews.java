package orders.internal.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import orders.OrderView;
import orders.ShipTo;
import platform.crypto.FieldCipher;
import platform.money.Money;

/** Turns stored orders into their API view, decrypting the address. */
@ApplicationScoped
public class OrderViews {

    private final FieldCipher cipher;
    private final ObjectMapper json;
    private final OrderRepository orders;

    OrderViews(FieldCipher cipher, ObjectMapper json, OrderRepository orders) {
        this.cipher = cipher;
        this.json = json;
        this.orders = orders;
    }

    public OrderView view(OrderRepository.OrderRow row) {
        return view(row, orders.history(row.id()));
    }

    public OrderView view(OrderRepository.OrderRow row, List<OrderView.StatusChange> history) {
        return new OrderView(
                row.id(),
                row.clientId(),
                row.externalRef(),
                row.status(),
                row.priority(),
                row.currency(),
                row.lineCount(),
                Money.format(row.total()),
                decrypt(row.id(), row.shipToCiphertext()),
                row.notes(),
                row.trackingNumber(),
                row.createdAt(),
                row.updatedAt(),
                row.version(),
                history,
                row.backorderPolicy(),
                row.backordered());
    }

    public String encrypt(UUID orderId, ShipTo shipTo) {
        if (shipTo == null) {
            return null;
        }
        try {
            return cipher.encrypt(json.writeValueAsString(shipTo), context(orderId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ShipTo decrypt(UUID orderId, String ciphertext) {
        if (ciphertext == null) {
            return null;
        }
        try {
            return json.readValue(cipher.decrypt(ciphertext, context(orderId)), ShipTo.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored address is unreadable", e);
        }
    }

    static String context(UUID orderId) {
        return "orders.orders.ship_to:" + orderId;
    }
}
