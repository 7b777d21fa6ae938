-- Room for the trace context (SPEC §9): the W3C traceparent of the work that wrote the event, carried to
-- the CloudEvent's traceparent extension and the Kafka header when present. And the version of the
-- data's shape, so that a reader can tell an old event from a new one of the same type.
ALTER TABLE platform.outbox ADD COLUMN traceparent varchar(55)
    CHECK (traceparent IS NULL OR traceparent ~ '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$');
ALTER TABLE platform.outbox ADD COLUMN schema_version smallint NOT NULL DEFAULT 1;
