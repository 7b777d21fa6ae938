-- GraphQL filters products by attributes with jsonb containment (attributes @> '{"key":"value"}'): a GIN index
-- with jsonb_path_ops serves exactly that operator.
CREATE INDEX products_attributes ON inventory.products USING gin (attributes jsonb_path_ops);
