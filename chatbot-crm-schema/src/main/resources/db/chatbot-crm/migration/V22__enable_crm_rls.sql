-- The document's 022: row-level security on the CRM tables. The owner reads and manages own rows
-- (and may only create rows owned by themselves); admin all. Policies target authenticated.

SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

ALTER TABLE crm_leads ENABLE ROW LEVEL SECURITY;
ALTER TABLE crm_deals ENABLE ROW LEVEL SECURITY;
ALTER TABLE crm_activities ENABLE ROW LEVEL SECURITY;

GRANT SELECT ON crm_leads, crm_deals, crm_activities TO anon;
GRANT SELECT, INSERT, UPDATE, DELETE ON crm_leads, crm_deals, crm_activities TO authenticated;
GRANT SELECT, INSERT, UPDATE, DELETE ON crm_leads, crm_deals, crm_activities TO service_role;

CREATE POLICY crm_leads_manage_own ON crm_leads
    FOR ALL TO authenticated
    USING (owner_id = (SELECT ${schema.auth}.uid()))
    WITH CHECK (owner_id = (SELECT ${schema.auth}.uid()));
CREATE POLICY crm_leads_admin_all ON crm_leads
    FOR ALL TO authenticated
    USING ((SELECT is_admin())) WITH CHECK ((SELECT is_admin()));

CREATE POLICY crm_deals_manage_own ON crm_deals
    FOR ALL TO authenticated
    USING (owner_id = (SELECT ${schema.auth}.uid()))
    WITH CHECK (owner_id = (SELECT ${schema.auth}.uid()));
CREATE POLICY crm_deals_admin_all ON crm_deals
    FOR ALL TO authenticated
    USING ((SELECT is_admin())) WITH CHECK ((SELECT is_admin()));

CREATE POLICY crm_activities_manage_own ON crm_activities
    FOR ALL TO authenticated
    USING (owner_id = (SELECT ${schema.auth}.uid()))
    WITH CHECK (owner_id = (SELECT ${schema.auth}.uid()));
CREATE POLICY crm_activities_admin_all ON crm_activities
    FOR ALL TO authenticated
    USING ((SELECT is_admin())) WITH CHECK ((SELECT is_admin()));
