-- The document's 020: CRM leads, deals and activities (patients act as contacts). Departures:
-- ON DELETE SET NULL on every reference (owners, contacts, leads, deals), CHECK 0-100 on
-- crm_deals.probability, and the platform updated_at trigger.

SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

CREATE TABLE crm_leads (
    id          uuid         NOT NULL DEFAULT gen_random_uuid(),
    public_id   varchar(255) NOT NULL DEFAULT ${schema.platform}.generate_public_id('led'),
    name        varchar(255) NOT NULL,
    email       varchar(255),
    phone       varchar(50),
    company     varchar(255),
    source      varchar(100),
    status      varchar(50)           DEFAULT 'new',
    score       integer               DEFAULT 0,
    notes       text,
    owner_id    uuid,
    assigned_at timestamp             DEFAULT now(),
    created_at  timestamp             DEFAULT now(),
    updated_at  timestamp             DEFAULT now(),
    CONSTRAINT crm_leads_pkey PRIMARY KEY (id),
    CONSTRAINT crm_leads_public_id_key UNIQUE (public_id),
    CONSTRAINT crm_leads_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE SET NULL
);
COMMENT ON TABLE crm_leads IS 'Sales leads; source: website, referral, social, cold_call; status: new, contacted, qualified, unqualified, converted; score: lead score.';

CREATE TABLE crm_deals (
    id                  uuid         NOT NULL DEFAULT gen_random_uuid(),
    public_id           varchar(255) NOT NULL DEFAULT ${schema.platform}.generate_public_id('del'),
    title               varchar(255) NOT NULL,
    description         text,
    value               numeric(12,2),
    currency            varchar(10)           DEFAULT 'SAR',
    stage               varchar(50)           DEFAULT 'prospecting',
    probability         integer               DEFAULT 0,
    expected_close_date date,
    actual_close_date   date,
    owner_id            uuid,
    contact_id          uuid,
    lead_id             uuid,
    created_at          timestamp             DEFAULT now(),
    updated_at          timestamp             DEFAULT now(),
    CONSTRAINT crm_deals_pkey PRIMARY KEY (id),
    CONSTRAINT crm_deals_public_id_key UNIQUE (public_id),
    CONSTRAINT crm_deals_probability_check CHECK (probability BETWEEN 0 AND 100),
    CONSTRAINT crm_deals_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT crm_deals_contact_id_fkey FOREIGN KEY (contact_id) REFERENCES patients (id) ON DELETE SET NULL,
    CONSTRAINT crm_deals_lead_id_fkey FOREIGN KEY (lead_id) REFERENCES crm_leads (id) ON DELETE SET NULL
);
COMMENT ON TABLE crm_deals IS 'Sales deals; stage: prospecting, qualification, proposal, negotiation, closed_won, closed_lost.';
COMMENT ON COLUMN crm_deals.contact_id IS 'Contact of the deal: a patient (patients act as CRM contacts).';
COMMENT ON COLUMN crm_deals.value IS 'Deal value, in currency (default SAR).';
COMMENT ON COLUMN crm_deals.probability IS 'Win probability in percent (0-100).';

CREATE TABLE crm_activities (
    id           uuid         NOT NULL DEFAULT gen_random_uuid(),
    public_id    varchar(255) NOT NULL DEFAULT ${schema.platform}.generate_public_id('act'),
    type         varchar(50)  NOT NULL,
    subject      varchar(255) NOT NULL,
    description  text,
    due_date     date,
    due_time     time,
    status       varchar(50)           DEFAULT 'pending',
    priority     varchar(20)           DEFAULT 'medium',
    owner_id     uuid,
    contact_id   uuid,
    deal_id      uuid,
    completed_at timestamp,
    created_at   timestamp             DEFAULT now(),
    updated_at   timestamp             DEFAULT now(),
    CONSTRAINT crm_activities_pkey PRIMARY KEY (id),
    CONSTRAINT crm_activities_public_id_key UNIQUE (public_id),
    CONSTRAINT crm_activities_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT crm_activities_contact_id_fkey FOREIGN KEY (contact_id) REFERENCES patients (id) ON DELETE SET NULL,
    CONSTRAINT crm_activities_deal_id_fkey FOREIGN KEY (deal_id) REFERENCES crm_deals (id) ON DELETE SET NULL
);
COMMENT ON TABLE crm_activities IS 'CRM activities (calls, emails, meetings, tasks, notes); status: pending, completed, cancelled.';
COMMENT ON COLUMN crm_activities.priority IS 'Priority: low, medium, high.';
COMMENT ON COLUMN crm_activities.type IS 'Activity type: call, email, meeting, task, note.';

CREATE TRIGGER update_crm_leads_updated_at BEFORE UPDATE ON crm_leads
    FOR EACH ROW EXECUTE FUNCTION ${schema.platform}.set_updated_at();
CREATE TRIGGER update_crm_deals_updated_at BEFORE UPDATE ON crm_deals
    FOR EACH ROW EXECUTE FUNCTION ${schema.platform}.set_updated_at();
CREATE TRIGGER update_crm_activities_updated_at BEFORE UPDATE ON crm_activities
    FOR EACH ROW EXECUTE FUNCTION ${schema.platform}.set_updated_at();
