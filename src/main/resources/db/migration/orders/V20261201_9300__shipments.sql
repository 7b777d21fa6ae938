-- Shipments (issue #16 item 4, ADR 0048): an order ships in one or more shipments, each with lines and
-- quantities; what a line has shipped is the sum of its shipment lines (the order row is locked while
-- a shipment is written, so two shipments of one order never both take the same remainder).
CREATE TABLE orders.shipments (
    id              uuid        PRIMARY KEY,
    order_id        uuid        NOT NULL REFERENCES orders.orders (id),
    client_id       uuid        NOT NULL,
    status          varchar(16) NOT NULL CHECK (status IN ('shipped', 'delivered')),
    carrier         varchar(100),
    tracking_number varchar(100),
    line_count      integer     NOT NULL CHECK (line_count > 0),
    version         bigint      NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    delivered_at    timestamptz,
    CONSTRAINT shipments_delivered_at CHECK ((status = 'delivered') = (delivered_at IS NOT NULL))
);
CREATE INDEX shipments_by_order_keyset ON orders.shipments (order_id, created_at, id);

CREATE TABLE orders.shipment_lines (
    shipment_id uuid        NOT NULL REFERENCES orders.shipments (id),
    order_id    uuid        NOT NULL,
    client_id   uuid        NOT NULL,
    line_no     integer     NOT NULL,
    sku         varchar(64) NOT NULL,
    quantity    bigint      NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (shipment_id, line_no)
);
CREATE INDEX shipment_lines_by_order ON orders.shipment_lines (order_id, sku);

ALTER TABLE orders.shipments ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders.shipment_lines ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON orders.shipments
    USING (platform.tenant_may_see(client_id)) WITH CHECK (platform.tenant_may_see(client_id));
CREATE POLICY tenant_rows ON orders.shipment_lines
    USING (platform.tenant_may_see(client_id)) WITH CHECK (platform.tenant_may_see(client_id));
GRANT SELECT, INSERT, UPDATE, DELETE ON orders.shipments, orders.shipment_lines TO quartermaster_app;
