-- Webhooks belong to the integration module (ADR 0018): their tables move from the kernel's schema into
-- the module's own. Deliveries also learn their order: the subject (order id or SKU) they are about and
-- a position in the order they were dispatched (outbox order), so that a delivery is only attempted
-- once every earlier delivery of the same subject to the same subscription is settled.
CREATE SCHEMA IF NOT EXISTS integration;
GRANT USAGE ON SCHEMA integration TO quartermaster_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA integration GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO quartermaster_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA integration GRANT USAGE, SELECT ON SEQUENCES TO quartermaster_app;

ALTER TABLE platform.webhook_subscriptions SET SCHEMA integration;
ALTER TABLE platform.webhook_deliveries SET SCHEMA integration;
ALTER TABLE platform.webhook_cursor SET SCHEMA integration;

ALTER TABLE integration.webhook_deliveries ADD COLUMN subject varchar(200);
UPDATE integration.webhook_deliveries SET subject = payload::jsonb ->> 'subject';
ALTER TABLE integration.webhook_deliveries ALTER COLUMN subject SET NOT NULL;
ALTER TABLE integration.webhook_deliveries ADD COLUMN position bigint GENERATED ALWAYS AS IDENTITY;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA integration TO quartermaster_app;

-- the head of each (subscription, subject) line of pending deliveries
CREATE INDEX webhook_deliveries_pending_line ON integration.webhook_deliveries (subscription_id, subject, position)
    WHERE status = 'pending';
