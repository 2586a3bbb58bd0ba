-- Verifies V30: the tables exist with a NOT NULL unique public_id whose default uses the right prefix,
-- and every FK has an explicit delete action. Catalog checks go through the engine's shared helpers
-- (pg_temp.verify_*).
DO $$
BEGIN
    PERFORM pg_temp.verify_expect('chatbot-crm V30', 'tables missing', ARRAY(
        SELECT e.t FROM (VALUES ('notifications', 'ntf'), ('internal_messages', ''), ('audit_logs', 'aud'), ('roles', 'rol'), ('user_roles', ''), ('settings', 'set')) AS e(t, p)
         WHERE e.t NOT IN (SELECT rel FROM pg_temp.verify_relations('${schema}') WHERE kind = 'r')));
    PERFORM pg_temp.verify_expect('chatbot-crm V30', 'public_id must be NOT NULL with its prefix default', ARRAY(
        SELECT format('%s.public_id (prefix %L)', e.t, e.p) FROM (VALUES ('notifications', 'ntf'), ('internal_messages', ''), ('audit_logs', 'aud'), ('roles', 'rol'), ('user_roles', ''), ('settings', 'set')) AS e(t, p)
         WHERE NOT EXISTS (SELECT 1 FROM pg_temp.verify_columns('${schema}') c
                            WHERE c.tbl = e.t AND c.col = 'public_id' AND c.not_null
                              AND c.def LIKE '%generate_public_id(''' || e.p || '''%')));
    PERFORM pg_temp.verify_expect('chatbot-crm V30', 'UNIQUE public_id constraints missing', ARRAY(
        SELECT e.t || '_public_id_key' FROM (VALUES ('notifications', 'ntf'), ('internal_messages', ''), ('audit_logs', 'aud'), ('roles', 'rol'), ('user_roles', ''), ('settings', 'set')) AS e(t, p)
         WHERE (e.t, e.t || '_public_id_key') NOT IN (SELECT tbl, con FROM pg_temp.verify_constraints('${schema}') WHERE typ = 'u')));
    PERFORM pg_temp.verify_expect('chatbot-crm V30', 'foreign keys without a delete action', ARRAY(
        SELECT k.tbl || '.' || k.con FROM pg_temp.verify_constraints('${schema}') k
         WHERE k.typ = 'f' AND k.tbl IN (SELECT e.t FROM (VALUES ('notifications', 'ntf'), ('internal_messages', ''), ('audit_logs', 'aud'), ('roles', 'rol'), ('user_roles', ''), ('settings', 'set')) AS e(t, p))
           AND k.def NOT LIKE '%ON DELETE CASCADE%' AND k.def NOT LIKE '%ON DELETE SET NULL%'));
END
$$;
DO $$
BEGIN
    PERFORM pg_temp.verify_expect('chatbot-crm V30', 'the system tables must have 23 idx_ indexes', ARRAY(
        SELECT count(*) || ' found' FROM pg_temp.verify_indexes('${schema}')
         WHERE tbl IN ('notifications', 'internal_messages', 'audit_logs', 'roles', 'user_roles', 'settings') AND idx LIKE 'idx\_%'
        HAVING count(*) <> 23));
END
$$;
