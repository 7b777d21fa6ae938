-- Quotes hold stock (issue #16, ADR 0045): a third quantity beside on_hand and reserved.
-- available = on_hand - reserved - held; the CHECK keeps reserved + held within on_hand in every commit.
ALTER TABLE inventory.stock_levels ADD COLUMN held bigint NOT NULL DEFAULT 0;
ALTER TABLE inventory.stock_levels ADD CONSTRAINT stock_held_not_negative CHECK (held >= 0);
ALTER TABLE inventory.stock_levels ADD CONSTRAINT stock_reserved_and_held_within_on_hand CHECK (reserved + held <= on_hand);

ALTER TABLE inventory.stock_movements ADD COLUMN held_delta bigint NOT NULL DEFAULT 0;
ALTER TABLE inventory.stock_movements DROP CONSTRAINT IF EXISTS stock_movements_kind_check;
ALTER TABLE inventory.stock_movements ADD CONSTRAINT stock_movements_kind_check
    CHECK (kind IN ('set', 'adjust', 'reserve', 'release', 'consume', 'hold', 'unhold', 'convert'));
