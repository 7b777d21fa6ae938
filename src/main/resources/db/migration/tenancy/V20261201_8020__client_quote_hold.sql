-- How long this client's quotes hold stock (issue #16, ADR 0045); null: the configured default
-- (quartermaster.orders.quote-hold-duration, PT72H).
ALTER TABLE tenancy.clients ADD COLUMN quote_hold_seconds bigint
    CONSTRAINT clients_quote_hold_in_range CHECK (quote_hold_seconds BETWEEN 60 AND 2592000);
