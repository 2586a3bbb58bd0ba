-- Reverts V20: the three CRM tables (children first).
DROP TABLE crm_activities;
DROP TABLE crm_deals;
DROP TABLE crm_leads;
