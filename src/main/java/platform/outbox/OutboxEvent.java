package platform.outbox;

import java.util.UUID;

/**
 * One event bound for the outside world, CloudEvents-shaped: {@code type} such as
 * {@code inventory.stock_changed}, {@code subject} the key (a SKU, an order id), {@code tenantId} the
 * client it belongs to (null when it belongs to everyone), {@code data} any JSON-serialisable value.
 */
public record OutboxEvent(String source, String type, String subject, String topic, UUID tenantId, Object data) {}
