-- Verifies V11: all 32 indexes exist (through the engine's shared helpers, pg_temp.verify_*).
DO $$
BEGIN
    PERFORM pg_temp.verify_expect('chatbot-crm V11', 'missing indexes', ARRAY(
        SELECT i FROM unnest(ARRAY['idx_chatbot_flows_status', 'idx_chatbot_flows_created_by', 'idx_chatbot_flows_public_id',
                               'idx_chatbot_flows_created_by_status', 'idx_chatbot_nodes_flow_id', 'idx_chatbot_nodes_type',
                               'idx_chatbot_nodes_public_id', 'idx_chatbot_edges_flow_id', 'idx_chatbot_edges_source',
                               'idx_chatbot_edges_target', 'idx_chatbot_edges_public_id', 'idx_chatbot_templates_category',
                               'idx_chatbot_templates_language', 'idx_chatbot_templates_approved',
                               'idx_chatbot_templates_public_id', 'idx_chatbot_integrations_provider',
                               'idx_chatbot_integrations_status', 'idx_chatbot_integrations_health',
                               'idx_chatbot_integrations_public_id', 'idx_conversations_integration', 'idx_conversations_patient',
                               'idx_conversations_status', 'idx_conversations_channel', 'idx_conversations_external_id',
                               'idx_conversations_public_id', 'idx_conversations_patient_status', 'idx_messages_conversation',
                               'idx_messages_sender_type', 'idx_messages_type', 'idx_messages_sent_at', 'idx_messages_public_id',
                               'idx_messages_conversation_sent']) AS i
         WHERE i NOT IN (SELECT idx FROM pg_temp.verify_indexes('${schema}'))));
END
$$;
