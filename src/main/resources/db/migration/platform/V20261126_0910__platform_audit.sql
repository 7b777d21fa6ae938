-- The audit log. Writers append to audit_pending inside their own transactions (no global lock on the
-- hot path); one chainer at a time (advisory lock) moves committed entries into audit_log, giving each
-- the SHA-256 of the previous entry and of its own content. audit_log is append-only: the database
-- refuses UPDATE, DELETE and TRUNCATE on it.
CREATE TABLE platform.audit_pending (
    seq       bigserial    PRIMARY KEY,
    id        uuid         NOT NULL,
    at        timestamptz  NOT NULL,
    actor     varchar(100),
    tenant_id uuid,
    trace_id  varchar(64),
    action    varchar(64)  NOT NULL,
    subject   varchar(200),
    details   jsonb        NOT NULL DEFAULT '{}'::jsonb
);

CREATE TABLE platform.audit_log (
    seq       bigint       PRIMARY KEY,   -- position in the chain, from 1
    id        uuid         NOT NULL UNIQUE,
    at        timestamptz  NOT NULL,
    actor     varchar(100),
    tenant_id uuid,
    trace_id  varchar(64),
    action    varchar(64)  NOT NULL,
    subject   varchar(200),
    details   jsonb        NOT NULL,
    prev_hash bytea        NOT NULL,
    hash      bytea        NOT NULL
);
CREATE INDEX audit_log_by_tenant ON platform.audit_log (tenant_id, seq);

CREATE FUNCTION platform.audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'platform.audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON platform.audit_log
    FOR EACH ROW EXECUTE FUNCTION platform.audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON platform.audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION platform.audit_log_is_append_only();
