-- The transaction that wrote each outbox row. Readers of the feed (and the relay) only take rows whose
-- transaction is older than every transaction still running, so a row with a lower seq that commits
-- later is never skipped.
ALTER TABLE platform.outbox ADD COLUMN txid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX outbox_by_tenant ON platform.outbox (tenant_id, seq);
