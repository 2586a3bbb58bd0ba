-- Reverts V10: the seven chatbot tables (children first).
DROP TABLE messages;
DROP TABLE conversations;
DROP TABLE chatbot_integrations;
DROP TABLE chatbot_templates;
DROP TABLE chatbot_edges;
DROP TABLE chatbot_nodes;
DROP TABLE chatbot_flows;
