-- Least privilege (ADR 0036): the application logs in as quartermaster_api, a role that is no superuser,
-- cannot bypass row-level security, create roles or databases, and owns nothing. It inherits the rights
-- of quartermaster_app, so RESET ROLE on its connection leaves it exactly as powerless as SET ROLE did.
-- Migrations keep running on their own connection as the owner of the schemas (who creates this role).
-- No password is set here: with trust or peer authentication none is needed (development), otherwise
-- the operator sets it once (ALTER ROLE quartermaster_api PASSWORD ...; docs/deployment.md).
DO $$
BEGIN
    CREATE ROLE quartermaster_api LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION INHERIT;
EXCEPTION WHEN duplicate_object THEN
    NULL; -- roles are cluster-wide: another database of this cluster created it already
END
$$;
GRANT quartermaster_app TO quartermaster_api;
DO $$
BEGIN
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO quartermaster_api', current_database());
END
$$;
