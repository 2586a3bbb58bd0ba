-- Shared functions. Every function pins search_path; the ones that need pgcrypto get a path that
-- reaches the schema the extension actually lives in (read from extension_schemas).

-- updated_at trigger: sets the column named by the trigger's first argument (default updated_at) to
-- now(). Works for snake_case and quoted camelCase columns alike:
--   CREATE TRIGGER trg_x_updated_at BEFORE UPDATE ON x FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();
--   CREATE TRIGGER ... EXECUTE FUNCTION platform.set_updated_at('updatedAt');
CREATE FUNCTION ${schema.platform}.set_updated_at()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    NEW := jsonb_populate_record(NEW, jsonb_build_object(coalesce(TG_ARGV[0], 'updated_at'), now()));
    RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION ${schema.platform}.set_updated_at() IS
    'BEFORE UPDATE row trigger: sets the column named by the first trigger argument (default updated_at) to now().';

DO $do$
DECLARE
    crypto_schema text := (SELECT schema_name FROM ${schema.platform}.extension_schemas WHERE extension_name = 'pgcrypto');
BEGIN
    -- generate_public_id('pat') -> 'pat_' || 24 characters: a lower-case letter, then 23 lower-case
    -- letters or digits (CUID2-like), from pgcrypto's CSPRNG with rejection sampling (no modulo
    -- bias): 26 * 36^23 ~ 2^124 values. An empty or NULL prefix gives the bare body. VOLATILE: use it
    -- as a column default.
    EXECUTE format($f$
        CREATE FUNCTION ${schema.platform}.generate_public_id(prefix text DEFAULT '')
            RETURNS text
            LANGUAGE plpgsql
            VOLATILE
            PARALLEL SAFE
            SET search_path = pg_catalog, %I, pg_temp
        AS $body$
        DECLARE
            alphabet constant text := 'abcdefghijklmnopqrstuvwxyz0123456789';
            body text := '';
            pool bytea;
            b int;
            i int;
            p text := rtrim(coalesce(prefix, ''), '_');
        BEGIN
            WHILE length(body) < 24 LOOP
                pool := gen_random_bytes(32);
                FOR i IN 0 .. 31 LOOP
                    b := get_byte(pool, i);
                    IF body = '' THEN
                        IF b < 234 THEN body := chr(97 + b %% 26); END IF;   -- 234 = 9 * 26
                    ELSIF b < 252 THEN                                      -- 252 = 7 * 36
                        body := body || substr(alphabet, b %% 36 + 1, 1);
                    END IF;
                    EXIT WHEN length(body) = 24;
                END LOOP;
            END LOOP;
            RETURN CASE WHEN p = '' THEN body ELSE p || '_' || body END;
        END
        $body$
    $f$, crypto_schema);
END
$do$;
COMMENT ON FUNCTION ${schema.platform}.generate_public_id(text) IS
    'Prefixed public id: prefix || ''_'' || 24-char CUID2-like body (bare body for an empty prefix). Collision-resistant (~124 random bits), URL-safe.';
