-- Quotes (issue #16, ADR 0045): priced lines whose stock is held until accepted, cancelled or expired.
CREATE TABLE orders.quotes (
    id           uuid          PRIMARY KEY,
    client_id    uuid          NOT NULL,
    external_ref varchar(100),
    status       varchar(16)   NOT NULL CHECK (status IN ('open', 'accepted', 'cancelled', 'expired')),
    currency     char(3)       NOT NULL,
    line_count   integer       NOT NULL CHECK (line_count > 0),
    total        numeric(19,2) NOT NULL CHECK (total >= 0),
    notes        text,
    order_id     uuid,
    expires_at   timestamptz   NOT NULL,
    version      bigint        NOT NULL,
    created_at   timestamptz   NOT NULL,
    updated_at   timestamptz   NOT NULL,
    CONSTRAINT quotes_external_ref_per_client UNIQUE (client_id, external_ref),
    CONSTRAINT quotes_order_when_accepted CHECK ((status = 'accepted') = (order_id IS NOT NULL))
);
CREATE INDEX quotes_by_client_keyset ON orders.quotes (client_id, created_at, id);
CREATE INDEX quotes_keyset ON orders.quotes (created_at, id);
CREATE INDEX quotes_open_by_expiry ON orders.quotes (expires_at) WHERE status = 'open';

CREATE TABLE orders.quote_lines (
    quote_id   uuid          NOT NULL REFERENCES orders.quotes (id),
    client_id  uuid          NOT NULL,
    line_no    integer       NOT NULL,
    sku        varchar(64)   NOT NULL,
    quantity   bigint        NOT NULL CHECK (quantity > 0),
    unit_price numeric(19,2) NOT NULL,
    line_total numeric(19,2) NOT NULL,
    PRIMARY KEY (quote_id, line_no)
);

ALTER TABLE orders.quotes ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders.quote_lines ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON orders.quotes
    USING (platform.tenant_may_see(client_id)) WITH CHECK (platform.tenant_may_see(client_id));
CREATE POLICY tenant_rows ON orders.quote_lines
    USING (platform.tenant_may_see(client_id)) WITH CHECK (platform.tenant_may_see(client_id));
GRANT SELECT, INSERT, UPDATE, DELETE ON orders.quotes, orders.quote_lines TO quartermaster_app;
