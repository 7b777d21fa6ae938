-- Orders owns its schema: orders, their lines and status history, credit exposure per client,
-- idempotency keys and the durable batch queue. Client ids come from tenancy (no foreign key across
-- modules).
CREATE SCHEMA IF NOT EXISTS orders;

CREATE TABLE orders.orders (
    id              uuid          PRIMARY KEY,
    client_id       uuid          NOT NULL,
    external_ref    varchar(100),
    status          varchar(16)   NOT NULL CHECK (status IN ('pending', 'processing', 'shipped', 'delivered', 'cancelled')),
    priority        varchar(8)    NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    currency        char(3)       NOT NULL,
    line_count      integer       NOT NULL CHECK (line_count > 0),
    total           numeric(19,2) NOT NULL CHECK (total >= 0),
    ship_to         text,          -- AES-256-GCM ciphertext of the JSON address, names its key
    notes           text,
    tracking_number varchar(100),
    version         bigint        NOT NULL,
    created_at      timestamptz   NOT NULL,
    updated_at      timestamptz   NOT NULL,
    CONSTRAINT orders_external_ref_per_client UNIQUE (client_id, external_ref)
);
CREATE INDEX orders_keyset ON orders.orders (created_at, id);
CREATE INDEX orders_by_client_keyset ON orders.orders (client_id, created_at, id);

CREATE TABLE orders.order_lines (
    order_id   uuid          NOT NULL REFERENCES orders.orders (id),
    client_id  uuid          NOT NULL,     -- copied from the order, for row-level security
    line_no    integer       NOT NULL,
    sku        varchar(64)   NOT NULL,
    quantity   bigint        NOT NULL CHECK (quantity > 0),
    unit_price numeric(17,2) NOT NULL,
    line_total numeric(19,2) NOT NULL,
    PRIMARY KEY (order_id, line_no)
);

CREATE TABLE orders.status_history (
    order_id uuid        NOT NULL REFERENCES orders.orders (id),
    client_id uuid       NOT NULL,       -- copied from the order, for row-level security
    seq      integer     NOT NULL,
    status   varchar(16) NOT NULL,
    at       timestamptz NOT NULL,
    by       varchar(100) NOT NULL,
    PRIMARY KEY (order_id, seq)
);

-- Credit exposure = total of a client's orders in pending, processing or shipped. Kept as one row per
-- client and changed by conditional UPDATEs, so two concurrent orders can never together pass the limit.
CREATE TABLE orders.client_exposure (
    client_id uuid          PRIMARY KEY,
    exposure  numeric(19,2) NOT NULL DEFAULT 0 CHECK (exposure >= 0)
);

-- Idempotency keys, scoped to client and endpoint, kept 24 h with a hash of the request and the answer.
CREATE TABLE orders.idempotency_keys (
    client_id       uuid         NOT NULL,
    endpoint        varchar(64)  NOT NULL,
    key             varchar(255) NOT NULL,
    request_hash    bytea        NOT NULL,
    state           varchar(16)  NOT NULL CHECK (state IN ('in_flight', 'done')),
    response_status integer,
    response_body   text,
    location        text,
    created_at      timestamptz  NOT NULL,
    expires_at      timestamptz  NOT NULL,
    PRIMARY KEY (client_id, endpoint, key)
);
CREATE INDEX idempotency_keys_expiry ON orders.idempotency_keys (expires_at);

-- Batches and their durable work queue: one row per order of a batch, claimed with SKIP LOCKED.
CREATE TABLE orders.batches (
    id           uuid        PRIMARY KEY,
    client_id    uuid        NOT NULL,
    actor        varchar(100) NOT NULL,
    total        integer     NOT NULL,
    created_at   timestamptz NOT NULL
);
CREATE INDEX batches_by_client ON orders.batches (client_id, created_at);

CREATE TABLE orders.batch_items (
    batch_id     uuid        NOT NULL REFERENCES orders.batches (id),
    client_id    uuid        NOT NULL,   -- copied from the batch, for row-level security
    idx          integer     NOT NULL,
    payload      jsonb       NOT NULL,
    status       varchar(16) NOT NULL CHECK (status IN ('queued', 'created', 'rejected')),
    external_ref varchar(100),
    order_id     uuid,
    error        jsonb,
    processed_at timestamptz,
    attempts     integer     NOT NULL DEFAULT 0,   -- failed attempts for unexpected reasons (not refusals)
    PRIMARY KEY (batch_id, idx)
);
CREATE INDEX batch_items_queued ON orders.batch_items (batch_id, idx) WHERE status = 'queued';
