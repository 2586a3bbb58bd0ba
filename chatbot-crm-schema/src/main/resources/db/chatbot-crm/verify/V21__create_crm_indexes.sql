-- Verifies V21: all 24 indexes exist (through the engine's shared helpers, pg_temp.verify_*).
DO $$
BEGIN
    PERFORM pg_temp.verify_expect('chatbot-crm V21', 'missing indexes', ARRAY(
        SELECT i FROM unnest(ARRAY['idx_crm_leads_status', 'idx_crm_leads_owner', 'idx_crm_leads_source', 'idx_crm_leads_email',
                               'idx_crm_leads_public_id', 'idx_crm_leads_owner_status', 'idx_crm_deals_stage',
                               'idx_crm_deals_owner', 'idx_crm_deals_contact', 'idx_crm_deals_lead', 'idx_crm_deals_value',
                               'idx_crm_deals_close_date', 'idx_crm_deals_public_id', 'idx_crm_deals_owner_stage',
                               'idx_crm_activities_type', 'idx_crm_activities_owner', 'idx_crm_activities_status',
                               'idx_crm_activities_priority', 'idx_crm_activities_due_date', 'idx_crm_activities_contact',
                               'idx_crm_activities_deal', 'idx_crm_activities_public_id', 'idx_crm_activities_owner_status',
                               'idx_crm_activities_due_status']) AS i
         WHERE i NOT IN (SELECT idx FROM pg_temp.verify_indexes('${schema}'))));
END
$$;
