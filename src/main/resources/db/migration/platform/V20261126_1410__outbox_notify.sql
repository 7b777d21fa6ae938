-- Wakes every instance's outbox listener when events are committed (one notification per statement;
-- PostgreSQL delivers it at commit, and folds duplicates within a transaction).
CREATE FUNCTION platform.outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('quartermaster_outbox', '');
    RETURN NULL;
END;
$$;
CREATE TRIGGER outbox_notify AFTER INSERT ON platform.outbox
    FOR EACH STATEMENT EXECUTE FUNCTION platform.outbox_notify();
