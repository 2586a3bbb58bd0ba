ALTER TABLE ${schema}.things DROP COLUMN public_id;
DROP INDEX ${schema}.idx_things_lower_name;
CREATE FUNCTION ${schema}.unpinned() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
