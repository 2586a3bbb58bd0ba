-- Reverts V22: CRM policies, RLS and grants.
DROP POLICY crm_activities_admin_all ON crm_activities;
DROP POLICY crm_activities_manage_own ON crm_activities;
DROP POLICY crm_deals_admin_all ON crm_deals;
DROP POLICY crm_deals_manage_own ON crm_deals;
DROP POLICY crm_leads_admin_all ON crm_leads;
DROP POLICY crm_leads_manage_own ON crm_leads;
REVOKE ALL ON crm_leads, crm_deals, crm_activities FROM anon, authenticated, service_role;
ALTER TABLE crm_activities DISABLE ROW LEVEL SECURITY;
ALTER TABLE crm_deals DISABLE ROW LEVEL SECURITY;
ALTER TABLE crm_leads DISABLE ROW LEVEL SECURITY;
