-- ADR 0053: a client's credit exposure is kept in slices. Each slice has an allowance; the allowances of a
-- client's slices add up to the credit limit they were split from (split_of), and no slice's exposure passes
-- its allowance, so the client's exposure never passes its limit. An order adds its total to one slice, so
-- orders of one client on different slices no longer wait for each other's commit. An existing row becomes
-- slice 0 with no allowance: the client's next order splits its limit anew.
ALTER TABLE orders.client_exposure
    ADD COLUMN slice     smallint      NOT NULL DEFAULT 0 CHECK (slice >= 0),
    ADD COLUMN allowance numeric(19,2) NOT NULL DEFAULT 0 CHECK (allowance >= 0),
    ADD COLUMN split_of  numeric(19,2);
ALTER TABLE orders.client_exposure DROP CONSTRAINT client_exposure_pkey;
ALTER TABLE orders.client_exposure ADD PRIMARY KEY (client_id, slice);
