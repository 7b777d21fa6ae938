-- ADR 0060: the pattern CHECK on platform.outbox.traceparent was matched against every row of a statement,
-- 6.5 ms of PostgreSQL CPU per 1,000 events (a 10,000-line order writes 10,000), though all rows a statement
-- writes carry the same value, formatted from the current span. OutboxWriter checks the form once per
-- statement and writes a malformed value as none; the table keeps a length bound. NOT VALID: the rows already
-- there passed the stricter pattern, and validating would scan the whole outbox under this migration's lock.
ALTER TABLE platform.outbox DROP CONSTRAINT outbox_traceparent_check;
ALTER TABLE platform.outbox ADD CONSTRAINT outbox_traceparent_length
    CHECK (traceparent IS NULL OR octet_length(traceparent) = 55) NOT VALID;
