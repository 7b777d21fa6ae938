-- Backorders (issue #16 item 2, ADR 0047): the policy an order was placed with, and per line how many
-- units still wait for stock (allocated = quantity - backordered). Existing orders: reject, nothing waiting.
ALTER TABLE orders.orders ADD COLUMN backorder_policy varchar(16) NOT NULL DEFAULT 'reject'
    CONSTRAINT orders_backorder_policy_known CHECK (backorder_policy IN ('reject', 'backorder'));
ALTER TABLE orders.order_lines ADD COLUMN backordered bigint NOT NULL DEFAULT 0
    CONSTRAINT order_lines_backordered_within_quantity CHECK (backordered >= 0 AND backordered <= quantity);
