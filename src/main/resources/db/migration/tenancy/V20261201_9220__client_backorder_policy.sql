-- Backorders (issue #16 item 2, ADR 0047): a client's default policy for short lines (an order may name
-- its own) and whether its orders may go to processing before every unit is allocated.
ALTER TABLE tenancy.clients ADD COLUMN backorder_policy varchar(16) NOT NULL DEFAULT 'reject'
    CONSTRAINT clients_backorder_policy_known CHECK (backorder_policy IN ('reject', 'backorder'));
ALTER TABLE tenancy.clients ADD COLUMN allow_partial_shipment boolean NOT NULL DEFAULT false;
