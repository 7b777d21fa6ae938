-- The transactional outbox: one row per event, written in the same transaction as the change it
-- describes and relayed afterwards (Kafka, WebSocket/SSE subscribers, webhooks). Rows are CloudEvents
-- 1.0 shaped: id, source, type, subject, time, data, and the tenantid extension.
CREATE SCHEMA IF NOT EXISTS platform;

CREATE TABLE platform.outbox (
    seq          bigserial    PRIMARY KEY,   -- insertion order; the relay reads in this order per key
    id           uuid         NOT NULL UNIQUE,
    source       varchar(200) NOT NULL,
    type         varchar(100) NOT NULL,
    subject      varchar(200) NOT NULL,      -- the partition key: an order id or a SKU
    topic        varchar(100) NOT NULL,
    tenant_id    uuid,
    time         timestamptz  NOT NULL,
    data         jsonb        NOT NULL,
    published_at timestamptz
);
CREATE INDEX outbox_unpublished ON platform.outbox (seq) WHERE published_at IS NULL;
CREATE INDEX outbox_by_type ON platform.outbox (type, seq);
