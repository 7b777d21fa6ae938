-- The orders module states the row-level security of its own tables here (ADR 0018). They were first
-- switched on by the kernel's V20261126_1300__tenant_isolation, which is released and stays as it is;
-- this migration makes the same policies again from the module's own folder, so the folder that owns a
-- table also owns who may see its rows. platform.tenant_may_see(owner) remains the kernel's.
ALTER TABLE orders.orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders.order_lines ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders.status_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders.client_exposure ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders.idempotency_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders.batches ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders.batch_items ENABLE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS tenant_rows ON orders.orders;
DROP POLICY IF EXISTS tenant_rows ON orders.order_lines;
DROP POLICY IF EXISTS tenant_rows ON orders.status_history;
DROP POLICY IF EXISTS tenant_rows ON orders.client_exposure;
DROP POLICY IF EXISTS tenant_rows ON orders.idempotency_keys;
DROP POLICY IF EXISTS tenant_rows ON orders.batches;
DROP POLICY IF EXISTS tenant_rows ON orders.batch_items;

CREATE POLICY tenant_rows ON orders.orders
    USING (platform.tenant_may_see(client_id)) WITH CHECK (platform.tenant_may_see(client_id));
CREATE POLICY tenant_rows ON orders.order_lines
    USING (platform.tenant_may_see(client_id)) WITH CHECK (platform.tenant_may_see(client_id));
CREATE POLICY tenant_rows ON orders.status_history
    USING (platform.tenant_may_see(client_id)) WITH CHECK (platform.tenant_may_see(client_id));
CREATE POLICY tenant_rows ON orders.client_exposure
    USING (platform.tenant_may_see(client_id)) WITH CHECK (platform.tenant_may_see(client_id));
CREATE POLICY tenant_rows ON orders.idempotency_keys
    USING (platform.tenant_may_see(client_id)) WITH CHECK (platform.tenant_may_see(client_id));
CREATE POLICY tenant_rows ON orders.batches
    USING (platform.tenant_may_see(client_id)) WITH CHECK (platform.tenant_may_see(client_id));
CREATE POLICY tenant_rows ON orders.batch_items
    USING (platform.tenant_may_see(client_id)) WITH CHECK (platform.tenant_may_see(client_id));
