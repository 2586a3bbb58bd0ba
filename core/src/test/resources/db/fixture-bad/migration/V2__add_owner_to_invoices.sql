-- Violates the module contract: fixture-bad does not declare fixture-base, yet points a foreign key
-- (hard-coded schema name, no placeholder) into its schema.
ALTER TABLE invoices ADD COLUMN owner_id integer REFERENCES fixture_base.owners (id);
