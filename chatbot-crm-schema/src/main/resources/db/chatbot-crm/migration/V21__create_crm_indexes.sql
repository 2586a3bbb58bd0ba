-- The document's 021: 24 indexes on the CRM tables (application names; the *_public_id ones duplicate
-- the UNIQUE constraints' indexes and are kept only for name parity).
-- Online: every index is built CONCURRENTLY (writers keep going), so this script holds nothing else and
-- runs outside a transaction, one statement at a time. If a build fails (or is interrupted) it leaves an
-- INVALID index; the next migrate drops it and runs the script again, and IF NOT EXISTS skips the
-- indexes already built.

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_crm_leads_status ON crm_leads (status);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_crm_leads_owner ON crm_leads (owner_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_crm_leads_source ON crm_leads (source);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_crm_leads_email ON crm_leads (email);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_crm_leads_public_id ON crm_leads (public_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_crm_leads_owner_status ON crm_leads (owner_id, status);

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_crm_deals_stage ON crm_deals (stage);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_crm_deals_owner ON crm_deals (owner_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_crm_deals_contact ON crm_deals (contact_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_crm_deals_lead ON crm_deals (lead_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_crm_deals_value ON crm_deals (value);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_crm_deals_close_date ON crm_deals (expected_close_date);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_crm_deals_public_id ON crm_deals (public_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_crm_deals_owner_stage ON crm_deals (owner_id, stage);

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_crm_activities_type ON crm_activities (type);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_crm_activities_owner ON crm_activities (owner_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_crm_activities_status ON crm_activities (status);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_crm_activities_priority ON crm_activities (priority);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_crm_activities_due_date ON crm_activities (due_date);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_crm_activities_contact ON crm_activities (contact_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_crm_activities_deal ON crm_activities (deal_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_crm_activities_public_id ON crm_activities (public_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_crm_activities_owner_status ON crm_activities (owner_id, status);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_crm_activities_due_status ON crm_activities (due_date, status);
