-- lint:ignore-file SM002 CRM tables are created by V20 of the same release and are empty when this runs
-- The document's 021: 24 indexes on the CRM tables (application names; the *_public_id ones duplicate
-- the UNIQUE constraints' indexes and are kept only for name parity).

CREATE INDEX idx_crm_leads_status ON crm_leads (status);
CREATE INDEX idx_crm_leads_owner ON crm_leads (owner_id);
CREATE INDEX idx_crm_leads_source ON crm_leads (source);
CREATE INDEX idx_crm_leads_email ON crm_leads (email);
CREATE INDEX idx_crm_leads_public_id ON crm_leads (public_id);
CREATE INDEX idx_crm_leads_owner_status ON crm_leads (owner_id, status);

CREATE INDEX idx_crm_deals_stage ON crm_deals (stage);
CREATE INDEX idx_crm_deals_owner ON crm_deals (owner_id);
CREATE INDEX idx_crm_deals_contact ON crm_deals (contact_id);
CREATE INDEX idx_crm_deals_lead ON crm_deals (lead_id);
CREATE INDEX idx_crm_deals_value ON crm_deals (value);
CREATE INDEX idx_crm_deals_close_date ON crm_deals (expected_close_date);
CREATE INDEX idx_crm_deals_public_id ON crm_deals (public_id);
CREATE INDEX idx_crm_deals_owner_stage ON crm_deals (owner_id, stage);

CREATE INDEX idx_crm_activities_type ON crm_activities (type);
CREATE INDEX idx_crm_activities_owner ON crm_activities (owner_id);
CREATE INDEX idx_crm_activities_status ON crm_activities (status);
CREATE INDEX idx_crm_activities_priority ON crm_activities (priority);
CREATE INDEX idx_crm_activities_due_date ON crm_activities (due_date);
CREATE INDEX idx_crm_activities_contact ON crm_activities (contact_id);
CREATE INDEX idx_crm_activities_deal ON crm_activities (deal_id);
CREATE INDEX idx_crm_activities_public_id ON crm_activities (public_id);
CREATE INDEX idx_crm_activities_owner_status ON crm_activities (owner_id, status);
CREATE INDEX idx_crm_activities_due_status ON crm_activities (due_date, status);
