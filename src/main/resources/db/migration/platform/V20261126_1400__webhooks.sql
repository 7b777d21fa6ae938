-- Webhook subscriptions of clients and their deliveries (Standard Webhooks). The dispatcher turns
-- outbox events into deliveries, at most one dispatcher at a time (the cursor row is locked); senders
-- claim due deliveries with SKIP LOCKED and retry with exponential backoff for more than 24 hours.
CREATE TABLE platform.webhook_subscriptions (
    id          uuid        PRIMARY KEY,
    client_id   uuid        NOT NULL,
    url         text        NOT NULL,
    event_types text[]      NOT NULL,
    secret      text        NOT NULL,   -- AES-256-GCM ciphertext: the signing key must be usable
    created_at  timestamptz NOT NULL,
    deleted_at  timestamptz
);
CREATE INDEX webhook_subscriptions_by_client ON platform.webhook_subscriptions (client_id, created_at, id);

CREATE TABLE platform.webhook_deliveries (
    id               uuid        PRIMARY KEY,
    subscription_id  uuid        NOT NULL REFERENCES platform.webhook_subscriptions (id),
    event_id         uuid        NOT NULL,
    event_type       varchar(100) NOT NULL,
    payload          text        NOT NULL,
    status           varchar(16) NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    last_status_code integer,
    last_error       text,
    created_at       timestamptz NOT NULL,
    delivered_at     timestamptz,
    UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON platform.webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_by_subscription ON platform.webhook_deliveries (subscription_id, created_at, id);

CREATE TABLE platform.webhook_cursor (   -- the dispatcher's position in the outbox, in (txid, seq) order
    id   integer PRIMARY KEY CHECK (id = 1),
    txid bigint  NOT NULL,
    seq  bigint  NOT NULL
);
INSERT INTO platform.webhook_cursor (id, txid, seq) VALUES (1, 0, 0);

GRANT SELECT, INSERT, UPDATE, DELETE ON platform.webhook_subscriptions, platform.webhook_deliveries,
    platform.webhook_cursor TO quartermaster_app;
