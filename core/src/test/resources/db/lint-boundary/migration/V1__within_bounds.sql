-- Everything here stays inside the module's own schemas (lint_boundary, lint_boundary_log), those of
-- platform (platform, auth), which it requires, and the system schemas: no SM014 finding.
CREATE TABLE ${schema}.visits (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id   uuid REFERENCES ${schema.auth}.users (id),
    started_at timestamptz NOT NULL DEFAULT now(),
    ended_at   timestamptz,
    CONSTRAINT chk_visits_ended_after_started CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE TABLE lint_boundary_log.events (id bigint PRIMARY KEY, visit_id bigint, note text);
CREATE TRIGGER trg_visits_updated_at BEFORE UPDATE ON ${schema}.visits
    FOR EACH ROW EXECUTE FUNCTION ${schema.platform}.set_updated_at();
GRANT SELECT ON ${schema}.visits TO lint_boundary_reader;
GRANT USAGE ON SCHEMA ${schema}, lint_boundary_log TO lint_boundary_reader;
COMMENT ON TABLE ${schema}.visits IS 'a visit; clinic.patients is not ours and is only named in this string';

CREATE FUNCTION ${schema}.visit_minutes(p_visit bigint) RETURNS numeric
    LANGUAGE plpgsql STABLE SET search_path = ${schema}, ${schema.platform}, pg_catalog, pg_temp AS $$
DECLARE
    v record;
BEGIN
    -- clinic.patients in a comment is not a reference
    SELECT v2.started_at, v2.ended_at INTO v FROM ${schema}.visits v2 JOIN lint_boundary_log.events e ON e.visit_id = v2.id
     WHERE v2.id = p_visit AND e.note IS DISTINCT FROM v2.started_at::text;
    RETURN extract(epoch FROM v.ended_at - v.started_at) / 60 + 0 * pg_catalog.length(information_schema.sql_identifier 'x');
END
$$;

CREATE FUNCTION ${schema}.touch() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    NEW.ended_at := coalesce(NEW.ended_at, OLD.ended_at);
    RETURN NEW;
END
$$;

DO $$
BEGIN
    IF to_regclass('platform.public_id_prefixes') IS NULL THEN
        RAISE NOTICE 'platform has no public ids; see clinic.docs';
    END IF;
    PERFORM public.gen_random_uuid(), pg_temp.noop_if_defined();
END
$$;
