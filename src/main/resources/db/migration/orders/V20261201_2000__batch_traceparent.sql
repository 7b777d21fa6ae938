-- The W3C trace context of the request that submitted a batch, so that the worker placing its orders
-- later continues that trace (and the orders' outbox events carry it).
ALTER TABLE orders.batches ADD COLUMN traceparent text;
