-- Backorders (issue #16 item 2, ADR 0047): the units of an order line that could not be reserved when the
-- order was placed wait here, one row per (order, SKU), until stock arrives. seq is the first-come-first-
-- served position: a row is inserted only while its SKU's stock row is locked, so per SKU the sequence is
-- the order in which the demand arrived. Allocation takes rows in (sku, seq) order and deletes or shrinks
-- them; quantity is what still waits. Invariant kept by every path that frees stock: a SKU with waiting
-- rows has nothing available (freed units go to the queue before anyone else).
CREATE TABLE inventory.backorders (
    seq        bigserial   PRIMARY KEY,
    order_id   uuid        NOT NULL,     -- the orders module's order (no foreign key across modules)
    client_id  uuid        NOT NULL,
    sku        varchar(64) NOT NULL REFERENCES inventory.stock_levels (sku),
    quantity   bigint      NOT NULL CHECK (quantity > 0),
    created_at timestamptz NOT NULL,
    CONSTRAINT backorders_one_row_per_order_and_sku UNIQUE (order_id, sku)
);
CREATE INDEX backorders_fifo ON inventory.backorders (sku, seq);

GRANT SELECT, INSERT, UPDATE, DELETE ON inventory.backorders TO quartermaster_app;
GRANT USAGE, SELECT ON SEQUENCE inventory.backorders_seq_seq TO quartermaster_app;
