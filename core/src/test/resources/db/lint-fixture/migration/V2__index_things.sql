-- lint:ignore SM002 fixture: things holds a handful of rows
CREATE INDEX idx_things_lower_name ON ${schema}.things (lower(name));

ALTER TABLE ${schema}.things ADD COLUMN public_id text DEFAULT gen_random_uuid()::text;
