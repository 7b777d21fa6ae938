-- Defence in depth for tenant isolation (ADR 0013). The application works as the role
-- quartermaster_app (SET ROLE on every pooled connection), which is no superuser and does not bypass
-- row-level security; migrations run as the connecting user. Every tenant-owned table of the orders
-- schema only shows and accepts rows of the tenant named for the transaction in quartermaster.tenant,
-- or every row when it is '*' (operators, background work). A transaction that names none sees nothing:
-- a forgotten WHERE client_id = ? cannot leak another client's data.
DO $$
BEGIN
    CREATE ROLE quartermaster_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
EXCEPTION WHEN duplicate_object THEN
    NULL; -- roles are cluster-wide: another database of this cluster created it already
END
$$;
GRANT quartermaster_app TO CURRENT_USER;

GRANT USAGE ON SCHEMA platform, tenancy, inventory, orders TO quartermaster_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA platform, tenancy, inventory, orders TO quartermaster_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA platform, tenancy, inventory, orders TO quartermaster_app;
REVOKE UPDATE, DELETE, TRUNCATE ON platform.audit_log FROM quartermaster_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA platform, tenancy, inventory, orders
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO quartermaster_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA platform, tenancy, inventory, orders
    GRANT USAGE, SELECT ON SEQUENCES TO quartermaster_app;

CREATE FUNCTION platform.tenant_may_see(owner uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT CASE coalesce(current_setting('quartermaster.tenant', true), '')
               WHEN '*' THEN true
               WHEN '' THEN false
               ELSE owner::text = current_setting('quartermaster.tenant', true)
           END
$$;
GRANT EXECUTE ON FUNCTION platform.tenant_may_see(uuid) TO quartermaster_app;

ALTER TABLE orders.orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders.order_lines ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders.status_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders.client_exposure ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders.idempotency_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders.batches ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders.batch_items ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_rows ON orders.orders USING (platform.tenant_may_see(client_id)) WITH CHECK (platform.tenant_may_see(client_id));
CREATE POLICY tenant_rows ON orders.order_lines USING (platform.tenant_may_see(client_id)) WITH CHECK (platform.tenant_may_see(client_id));
CREATE POLICY tenant_rows ON orders.status_history USING (platform.tenant_may_see(client_id)) WITH CHECK (platform.tenant_may_see(client_id));
CREATE POLICY tenant_rows ON orders.client_exposure USING (platform.tenant_may_see(client_id)) WITH CHECK (platform.tenant_may_see(client_id));
CREATE POLICY tenant_rows ON orders.idempotency_keys USING (platform.tenant_may_see(client_id)) WITH CHECK (platform.tenant_may_see(client_id));
CREATE POLICY tenant_rows ON orders.batches USING (platform.tenant_may_see(client_id)) WITH CHECK (platform.tenant_may_see(client_id));
CREATE POLICY tenant_rows ON orders.batch_items USING (platform.tenant_may_see(client_id)) WITH CHECK (platform.tenant_may_see(client_id));
