-- Stock per location (issue #16 item 3, ADR 0052). inventory.stock_levels stays the per-SKU TOTAL and the
-- oversell guard; inventory.location_stock splits it by location and always sums to it (every path changes
-- both in one statement, under the lock of the SKU's stock_levels row). Locations are operator-managed; the
-- built-in location 'default' receives all stock that existed before and every change that names none.
-- id is the keyset tie-breaker of the list (SPEC §2 cursors are (createdAt, id)); code is what the API names.
-- idempotency_key and request_hash make a retried POST /v1/locations answer what the first one did.
CREATE TABLE inventory.locations (
    code            varchar(64)  PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    id              uuid         NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    name            varchar(200) NOT NULL,
    rank            integer      NOT NULL DEFAULT 100 CHECK (rank BETWEEN 0 AND 1000000),
    active          boolean      NOT NULL DEFAULT true,
    version         bigint       NOT NULL DEFAULT 0,
    idempotency_key varchar(255) UNIQUE,
    request_hash    bytea,
    created_at      timestamptz  NOT NULL,
    updated_at      timestamptz  NOT NULL
);
CREATE INDEX locations_keyset ON inventory.locations (created_at, id);

INSERT INTO inventory.locations (code, name, rank, active, created_at, updated_at)
VALUES ('default', 'Default location', 0, true, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z');

-- A SKU's units at one location; a missing row is all zeros. Same CHECKs as the total row.
CREATE TABLE inventory.location_stock (
    sku        varchar(64) NOT NULL REFERENCES inventory.stock_levels (sku),
    location   varchar(64) NOT NULL REFERENCES inventory.locations (code),
    on_hand    bigint      NOT NULL DEFAULT 0,
    reserved   bigint      NOT NULL DEFAULT 0,
    held       bigint      NOT NULL DEFAULT 0,
    version    bigint      NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (sku, location),
    CONSTRAINT location_stock_not_negative CHECK (on_hand >= 0 AND reserved >= 0 AND held >= 0),
    CONSTRAINT location_stock_reserved_and_held_within_on_hand CHECK (reserved + held <= on_hand)
);

INSERT INTO inventory.location_stock (sku, location, on_hand, reserved, held, version, updated_at)
SELECT sku, 'default', on_hand, reserved, held, 0, updated_at FROM inventory.stock_levels;

-- Where an owner's (an order's or a quote's) reserved and held units sit. Units reserved before this table
-- existed have no row and sit at 'default'; release and consume take an owner's rows first, then 'default'.
CREATE TABLE inventory.location_reservations (
    owner_id uuid        NOT NULL,   -- the orders module's order or quote (no foreign key across modules)
    sku      varchar(64) NOT NULL,
    location varchar(64) NOT NULL REFERENCES inventory.locations (code),
    reserved bigint      NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    held     bigint      NOT NULL DEFAULT 0 CHECK (held >= 0),
    PRIMARY KEY (owner_id, sku, location)
);

GRANT SELECT, INSERT, UPDATE ON inventory.locations TO quartermaster_app;
GRANT SELECT, INSERT, UPDATE ON inventory.location_stock TO quartermaster_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON inventory.location_reservations TO quartermaster_app;
