-- Reverts V12: chatbot policies, RLS, grants and integration_secrets().
DROP FUNCTION integration_secrets(uuid);
DROP POLICY messages_select_treating_doctor_or_admin ON messages;
DROP POLICY conversations_select_treating_doctor_or_admin ON conversations;
DROP POLICY chatbot_integrations_admin_all ON chatbot_integrations;
DROP POLICY chatbot_integrations_manage_own ON chatbot_integrations;
DROP POLICY chatbot_templates_admin_all ON chatbot_templates;
DROP POLICY chatbot_templates_manage_own ON chatbot_templates;
DROP POLICY chatbot_templates_select_approved ON chatbot_templates;
DROP POLICY chatbot_edges_admin_all ON chatbot_edges;
DROP POLICY chatbot_edges_manage_own_flow ON chatbot_edges;
DROP POLICY chatbot_edges_select_visible_flow ON chatbot_edges;
DROP POLICY chatbot_nodes_admin_all ON chatbot_nodes;
DROP POLICY chatbot_nodes_manage_own_flow ON chatbot_nodes;
DROP POLICY chatbot_nodes_select_visible_flow ON chatbot_nodes;
DROP POLICY chatbot_flows_admin_all ON chatbot_flows;
DROP POLICY chatbot_flows_manage_own ON chatbot_flows;
DROP POLICY chatbot_flows_select_published ON chatbot_flows;
REVOKE ALL ON chatbot_flows, chatbot_nodes, chatbot_edges, chatbot_templates, chatbot_integrations, conversations, messages
    FROM anon, authenticated, service_role;
ALTER TABLE messages DISABLE ROW LEVEL SECURITY;
ALTER TABLE conversations DISABLE ROW LEVEL SECURITY;
ALTER TABLE chatbot_integrations DISABLE ROW LEVEL SECURITY;
ALTER TABLE chatbot_templates DISABLE ROW LEVEL SECURITY;
ALTER TABLE chatbot_edges DISABLE ROW LEVEL SECURITY;
ALTER TABLE chatbot_nodes DISABLE ROW LEVEL SECURITY;
ALTER TABLE chatbot_flows DISABLE ROW LEVEL SECURITY;
