-- Audit chain gaps (issue #10, item 10; ADR 0046, superseding parts of ADR 0014).
-- 1. Each chained entry names the encoding its hash was computed over: 1 = fields joined with line feeds
--    (every entry chained before this migration), 2 = length-prefixed fields (every new entry).
-- 2. Signed checkpoints of the chain head (entries, head hash, time), append-only like the log, so that
--    removing the newest entries is found against the latest checkpoint.
-- 3. The application role may only add pending entries: no UPDATE, DELETE or TRUNCATE on audit_pending.
--    The chainer removes a pending entry through audit_forget_chained, which runs as the owner and only
--    removes entries that are already in the chain with the same content.
ALTER TABLE platform.audit_log ADD COLUMN encoding smallint NOT NULL DEFAULT 1;
ALTER TABLE platform.audit_log ADD CONSTRAINT audit_log_encoding_known CHECK (encoding IN (1, 2));

CREATE TABLE platform.audit_checkpoint (
    seq        bigserial    PRIMARY KEY,
    id         uuid         NOT NULL UNIQUE,
    at         timestamptz  NOT NULL,
    entries    bigint       NOT NULL CHECK (entries > 0),  -- chain length = seq of the head entry
    head_hash  bytea        NOT NULL,
    algorithm  varchar(32)  NOT NULL,                      -- HMAC-SHA256
    key_id     varchar(64)  NOT NULL,                      -- the encryption key the signing key derives from
    signature  bytea        NOT NULL
);

CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE OR DELETE ON platform.audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION platform.audit_log_is_append_only();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON platform.audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION platform.audit_log_is_append_only();

REVOKE ALL ON platform.audit_checkpoint FROM quartermaster_app;
GRANT SELECT, INSERT ON platform.audit_checkpoint TO quartermaster_app;
GRANT USAGE, SELECT ON SEQUENCE platform.audit_checkpoint_seq_seq TO quartermaster_app;

REVOKE UPDATE, DELETE, TRUNCATE ON platform.audit_pending FROM quartermaster_app;

CREATE FUNCTION platform.audit_forget_chained(pending bigint[]) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    removed integer;
BEGIN
    DELETE FROM platform.audit_pending p
     USING platform.audit_log l
     WHERE p.seq = ANY (pending)
       AND l.id = p.id
       AND l.at = p.at
       AND l.actor IS NOT DISTINCT FROM p.actor
       AND l.tenant_id IS NOT DISTINCT FROM p.tenant_id
       AND l.trace_id IS NOT DISTINCT FROM p.trace_id
       AND l.action = p.action
       AND l.subject IS NOT DISTINCT FROM p.subject
       AND l.details = p.details;
    GET DIAGNOSTICS removed = ROW_COUNT;
    RETURN removed;
END;
$$;
REVOKE ALL ON FUNCTION platform.audit_forget_chained(bigint[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION platform.audit_forget_chained(bigint[]) TO quartermaster_app;
