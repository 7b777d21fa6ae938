-- The feed and the webhook dispatcher read the outbox in (txid, seq) order.
CREATE INDEX outbox_feed_order ON platform.outbox (txid, seq);
