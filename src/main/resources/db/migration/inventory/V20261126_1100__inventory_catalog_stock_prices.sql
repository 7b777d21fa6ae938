-- Inventory owns its schema: the catalog, stock levels, stock movements and contract prices.
CREATE SCHEMA IF NOT EXISTS inventory;

CREATE TABLE inventory.products (
    id          uuid          PRIMARY KEY,
    sku         varchar(64)   NOT NULL UNIQUE CHECK (sku ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    name        varchar(200)  NOT NULL,
    description text,
    unit_price  numeric(17,2) NOT NULL CHECK (unit_price >= 0),
    attributes  jsonb         NOT NULL DEFAULT '{}'::jsonb,
    active      boolean       NOT NULL DEFAULT true,
    version     bigint        NOT NULL DEFAULT 0,
    created_at  timestamptz   NOT NULL,
    updated_at  timestamptz   NOT NULL
);
CREATE INDEX products_keyset ON inventory.products (created_at, id);
CREATE INDEX products_sku_prefix ON inventory.products (sku text_pattern_ops);

-- One stock level per SKU. The invariant 0 <= reserved <= on_hand is the database's to keep: no code
-- path, concurrent or not, can commit a row that breaks it.
CREATE TABLE inventory.stock_levels (
    sku        varchar(64) PRIMARY KEY REFERENCES inventory.products (sku),
    product_id uuid        NOT NULL UNIQUE,
    on_hand    bigint      NOT NULL DEFAULT 0,
    reserved   bigint      NOT NULL DEFAULT 0,
    version    bigint      NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT stock_on_hand_not_negative CHECK (on_hand >= 0),
    CONSTRAINT stock_reserved_not_negative CHECK (reserved >= 0),
    CONSTRAINT stock_reserved_within_on_hand CHECK (reserved <= on_hand)
);
CREATE INDEX stock_levels_keyset ON inventory.stock_levels (created_at, product_id);

-- Why stock moved: every set, adjustment, reservation, release and shipment, in one append-only log.
CREATE TABLE inventory.stock_movements (
    id         bigserial   PRIMARY KEY,
    sku        varchar(64) NOT NULL,
    kind       varchar(16) NOT NULL CHECK (kind IN ('set', 'adjust', 'reserve', 'release', 'consume')),
    reason     varchar(16),
    on_hand_delta  bigint  NOT NULL,
    reserved_delta bigint  NOT NULL,
    version    bigint      NOT NULL,
    actor      varchar(100),
    created_at timestamptz NOT NULL
);
CREATE INDEX stock_movements_by_sku ON inventory.stock_movements (sku, id);

-- Contract prices: quantity tiers per client and SKU. The client lives in tenancy (no foreign key
-- across modules); the SKU is ours.
CREATE TABLE inventory.contract_price_tiers (
    client_id    uuid          NOT NULL,
    sku          varchar(64)   NOT NULL REFERENCES inventory.products (sku),
    min_quantity integer       NOT NULL CHECK (min_quantity >= 1),
    unit_price   numeric(17,2) NOT NULL CHECK (unit_price >= 0),
    PRIMARY KEY (client_id, sku, min_quantity)
);
CREATE TABLE inventory.contract_prices (
    client_id  uuid        NOT NULL,
    sku        varchar(64) NOT NULL REFERENCES inventory.products (sku),
    version    bigint      NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (client_id, sku)
);
