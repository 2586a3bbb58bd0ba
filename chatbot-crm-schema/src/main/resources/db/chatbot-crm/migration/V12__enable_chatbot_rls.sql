-- The document's 012: row-level security on the seven chatbot tables. Policies target authenticated
-- (the application attached them to every role); "admin" is is_admin(). Defects not copied: the
-- "System can manage conversations/messages" policies that let every role (anon included) do
-- everything (service_role bypasses RLS anyway), and "everyone reads active integrations including
-- config and webhook_secret": integration secrets are not granted to anon/authenticated at all and an
-- admin reads them through integration_secrets().

SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

ALTER TABLE chatbot_flows ENABLE ROW LEVEL SECURITY;
ALTER TABLE chatbot_nodes ENABLE ROW LEVEL SECURITY;
ALTER TABLE chatbot_edges ENABLE ROW LEVEL SECURITY;
ALTER TABLE chatbot_templates ENABLE ROW LEVEL SECURITY;
ALTER TABLE chatbot_integrations ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversations ENABLE ROW LEVEL SECURITY;
ALTER TABLE messages ENABLE ROW LEVEL SECURITY;

GRANT SELECT ON chatbot_flows, chatbot_nodes, chatbot_edges, chatbot_templates, conversations, messages TO anon;
GRANT SELECT, INSERT, UPDATE, DELETE ON chatbot_flows, chatbot_nodes, chatbot_edges, chatbot_templates TO authenticated;
GRANT SELECT ON conversations, messages TO authenticated;
GRANT SELECT, INSERT, UPDATE, DELETE
    ON chatbot_flows, chatbot_nodes, chatbot_edges, chatbot_templates, chatbot_integrations, conversations, messages
    TO service_role;
-- Integrations: every column but config and webhook_secret is readable (rows still filtered by RLS);
-- the secrets can be written by the creator but never read back except by an admin via integration_secrets().
GRANT SELECT (id, public_id, provider, name, status, webhook_url, last_health_check, health_status, created_by, created_at, updated_at)
    ON chatbot_integrations TO anon, authenticated;
GRANT INSERT, UPDATE, DELETE ON chatbot_integrations TO authenticated;

-- chatbot_flows: everyone signed in reads published flows; the creator has full control of own; admin all.
CREATE POLICY chatbot_flows_select_published ON chatbot_flows
    FOR SELECT TO authenticated
    USING (status = 'published');
CREATE POLICY chatbot_flows_manage_own ON chatbot_flows
    FOR ALL TO authenticated
    USING (created_by = (SELECT ${schema.auth}.uid()))
    WITH CHECK (created_by = (SELECT ${schema.auth}.uid()));
CREATE POLICY chatbot_flows_admin_all ON chatbot_flows
    FOR ALL TO authenticated
    USING ((SELECT is_admin())) WITH CHECK ((SELECT is_admin()));

-- chatbot_nodes / chatbot_edges: read when the parent flow is published or own; full control when the
-- parent flow is own; admin all.
CREATE POLICY chatbot_nodes_select_visible_flow ON chatbot_nodes
    FOR SELECT TO authenticated
    USING (EXISTS (SELECT 1 FROM chatbot_flows f
                   WHERE f.id = chatbot_nodes.flow_id
                     AND (f.status = 'published' OR f.created_by = (SELECT ${schema.auth}.uid()))));
CREATE POLICY chatbot_nodes_manage_own_flow ON chatbot_nodes
    FOR ALL TO authenticated
    USING (EXISTS (SELECT 1 FROM chatbot_flows f
                   WHERE f.id = chatbot_nodes.flow_id AND f.created_by = (SELECT ${schema.auth}.uid())))
    WITH CHECK (EXISTS (SELECT 1 FROM chatbot_flows f
                        WHERE f.id = chatbot_nodes.flow_id AND f.created_by = (SELECT ${schema.auth}.uid())));
CREATE POLICY chatbot_nodes_admin_all ON chatbot_nodes
    FOR ALL TO authenticated
    USING ((SELECT is_admin())) WITH CHECK ((SELECT is_admin()));

CREATE POLICY chatbot_edges_select_visible_flow ON chatbot_edges
    FOR SELECT TO authenticated
    USING (EXISTS (SELECT 1 FROM chatbot_flows f
                   WHERE f.id = chatbot_edges.flow_id
                     AND (f.status = 'published' OR f.created_by = (SELECT ${schema.auth}.uid()))));
CREATE POLICY chatbot_edges_manage_own_flow ON chatbot_edges
    FOR ALL TO authenticated
    USING (EXISTS (SELECT 1 FROM chatbot_flows f
                   WHERE f.id = chatbot_edges.flow_id AND f.created_by = (SELECT ${schema.auth}.uid())))
    WITH CHECK (EXISTS (SELECT 1 FROM chatbot_flows f
                        WHERE f.id = chatbot_edges.flow_id AND f.created_by = (SELECT ${schema.auth}.uid())));
CREATE POLICY chatbot_edges_admin_all ON chatbot_edges
    FOR ALL TO authenticated
    USING ((SELECT is_admin())) WITH CHECK ((SELECT is_admin()));

-- chatbot_templates: read approved; the creator has full control of own; admin all.
CREATE POLICY chatbot_templates_select_approved ON chatbot_templates
    FOR SELECT TO authenticated
    USING (is_approved);
CREATE POLICY chatbot_templates_manage_own ON chatbot_templates
    FOR ALL TO authenticated
    USING (created_by = (SELECT ${schema.auth}.uid()))
    WITH CHECK (created_by = (SELECT ${schema.auth}.uid()));
CREATE POLICY chatbot_templates_admin_all ON chatbot_templates
    FOR ALL TO authenticated
    USING ((SELECT is_admin())) WITH CHECK ((SELECT is_admin()));

-- chatbot_integrations: creator and admin only (and never the secret columns, see the grants above).
CREATE POLICY chatbot_integrations_manage_own ON chatbot_integrations
    FOR ALL TO authenticated
    USING (created_by = (SELECT ${schema.auth}.uid()))
    WITH CHECK (created_by = (SELECT ${schema.auth}.uid()));
CREATE POLICY chatbot_integrations_admin_all ON chatbot_integrations
    FOR ALL TO authenticated
    USING ((SELECT is_admin())) WITH CHECK ((SELECT is_admin()));

-- conversations / messages: read by the treating doctor and by admin; writes by service_role only.
CREATE POLICY conversations_select_treating_doctor_or_admin ON conversations
    FOR SELECT TO authenticated
    USING ((SELECT is_admin()) OR is_treating_doctor(patient_id));
CREATE POLICY messages_select_treating_doctor_or_admin ON messages
    FOR SELECT TO authenticated
    USING ((SELECT is_admin())
           OR EXISTS (SELECT 1 FROM conversations c
                      WHERE c.id = messages.conversation_id AND is_treating_doctor(c.patient_id)));

-- The secrets of one integration, for admins only (NULL row set for everyone else).
CREATE FUNCTION integration_secrets(p_integration_id uuid)
    RETURNS TABLE (config jsonb, webhook_secret varchar)
    LANGUAGE sql
    STABLE
    SECURITY DEFINER
    SET search_path = ${schema}, pg_temp
AS $fn$
    SELECT i.config, i.webhook_secret
    FROM ${schema}.chatbot_integrations i
    WHERE i.id = p_integration_id
      AND ${schema}.is_admin()
$fn$;
COMMENT ON FUNCTION integration_secrets(uuid) IS 'config and webhook_secret of one integration; returns no row unless the caller is an admin.';
REVOKE ALL ON FUNCTION integration_secrets(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION integration_secrets(uuid) TO authenticated, service_role;
