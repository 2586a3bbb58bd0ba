-- The document's 010: chatbot flows (with nodes and edges), message templates, channel integrations,
-- conversations and messages. Departures: explicit delete actions on every FK (CASCADE inside a flow
-- and a conversation, SET NULL for authors, integrations and patients) and the platform updated_at
-- trigger on every table with updated_at. Value lists stay in comments as in the application.

SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

CREATE TABLE chatbot_flows (
    id           uuid         NOT NULL DEFAULT gen_random_uuid(),
    public_id    varchar(255) NOT NULL DEFAULT ${schema.platform}.generate_public_id('flw'),
    name         varchar(255) NOT NULL,
    description  text,
    status       varchar(50)           DEFAULT 'draft',
    version      integer               DEFAULT 1,
    created_by   uuid,
    published_at timestamp,
    created_at   timestamp             DEFAULT now(),
    updated_at   timestamp             DEFAULT now(),
    CONSTRAINT chatbot_flows_pkey PRIMARY KEY (id),
    CONSTRAINT chatbot_flows_public_id_key UNIQUE (public_id),
    CONSTRAINT chatbot_flows_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL
);
COMMENT ON TABLE chatbot_flows IS 'Chatbot conversation flows; status: draft, published, archived.';

CREATE TABLE chatbot_nodes (
    id         uuid         NOT NULL DEFAULT gen_random_uuid(),
    public_id  varchar(255) NOT NULL DEFAULT ${schema.platform}.generate_public_id('nod'),
    flow_id    uuid,
    node_type  varchar(50)  NOT NULL,
    name       varchar(255) NOT NULL,
    config     jsonb        NOT NULL,
    position_x integer               DEFAULT 0,
    position_y integer               DEFAULT 0,
    created_at timestamp             DEFAULT now(),
    updated_at timestamp             DEFAULT now(),
    CONSTRAINT chatbot_nodes_pkey PRIMARY KEY (id),
    CONSTRAINT chatbot_nodes_public_id_key UNIQUE (public_id),
    CONSTRAINT chatbot_nodes_flow_id_fkey FOREIGN KEY (flow_id) REFERENCES chatbot_flows (id) ON DELETE CASCADE
);
COMMENT ON TABLE chatbot_nodes IS 'Nodes of a chatbot flow; node_type: start, message, condition, action, end; config holds messages, conditions, ...; position_x/y: canvas position.';

CREATE TABLE chatbot_edges (
    id             uuid         NOT NULL DEFAULT gen_random_uuid(),
    public_id      varchar(255) NOT NULL DEFAULT ${schema.platform}.generate_public_id('edg'),
    flow_id        uuid,
    source_node_id uuid,
    target_node_id uuid,
    condition      jsonb,
    created_at     timestamp             DEFAULT now(),
    CONSTRAINT chatbot_edges_pkey PRIMARY KEY (id),
    CONSTRAINT chatbot_edges_public_id_key UNIQUE (public_id),
    CONSTRAINT chatbot_edges_flow_id_fkey FOREIGN KEY (flow_id) REFERENCES chatbot_flows (id) ON DELETE CASCADE,
    CONSTRAINT chatbot_edges_source_node_id_fkey FOREIGN KEY (source_node_id) REFERENCES chatbot_nodes (id) ON DELETE CASCADE,
    CONSTRAINT chatbot_edges_target_node_id_fkey FOREIGN KEY (target_node_id) REFERENCES chatbot_nodes (id) ON DELETE CASCADE
);
COMMENT ON TABLE chatbot_edges IS 'Connections between two nodes of a flow, with an optional edge condition.';

CREATE TABLE chatbot_templates (
    id          uuid         NOT NULL DEFAULT gen_random_uuid(),
    public_id   varchar(255) NOT NULL DEFAULT ${schema.platform}.generate_public_id(''),
    name        varchar(255) NOT NULL,
    category    varchar(100),
    language    varchar(10)           DEFAULT 'ar',
    content     text         NOT NULL,
    variables   jsonb,
    is_approved boolean               DEFAULT false,
    created_by  uuid,
    approved_by uuid,
    created_at  timestamp             DEFAULT now(),
    updated_at  timestamp             DEFAULT now(),
    CONSTRAINT chatbot_templates_pkey PRIMARY KEY (id),
    CONSTRAINT chatbot_templates_public_id_key UNIQUE (public_id),
    CONSTRAINT chatbot_templates_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT chatbot_templates_approved_by_fkey FOREIGN KEY (approved_by) REFERENCES users (id) ON DELETE SET NULL
);
COMMENT ON TABLE chatbot_templates IS 'Reusable bot message templates; category: greeting, appointment, information, support. public_id has no prefix (bare id).';

CREATE TABLE chatbot_integrations (
    id                uuid         NOT NULL DEFAULT gen_random_uuid(),
    public_id         varchar(255) NOT NULL DEFAULT ${schema.platform}.generate_public_id(''),
    provider          varchar(50)  NOT NULL,
    name              varchar(255) NOT NULL,
    config            jsonb        NOT NULL,
    status            varchar(50)           DEFAULT 'inactive',
    webhook_url       varchar(500),
    webhook_secret    varchar(255),
    last_health_check timestamp,
    health_status     varchar(50)           DEFAULT 'unknown',
    created_by        uuid,
    created_at        timestamp             DEFAULT now(),
    updated_at        timestamp             DEFAULT now(),
    CONSTRAINT chatbot_integrations_pkey PRIMARY KEY (id),
    CONSTRAINT chatbot_integrations_public_id_key UNIQUE (public_id),
    CONSTRAINT chatbot_integrations_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL
);
COMMENT ON TABLE chatbot_integrations IS 'Channel connections; provider: whatsapp, web, telegram, facebook; status: active, inactive, error; health_status: healthy, unhealthy, unknown. config and webhook_secret are secrets.';

CREATE TABLE conversations (
    id             uuid         NOT NULL DEFAULT gen_random_uuid(),
    public_id      varchar(255) NOT NULL DEFAULT ${schema.platform}.generate_public_id('cnv'),
    integration_id uuid,
    patient_id     uuid,
    external_id    varchar(255),
    status         varchar(50)           DEFAULT 'active',
    channel        varchar(50)  NOT NULL,
    started_at     timestamp             DEFAULT now(),
    ended_at       timestamp,
    metadata       jsonb,
    created_at     timestamp             DEFAULT now(),
    updated_at     timestamp             DEFAULT now(),
    CONSTRAINT conversations_pkey PRIMARY KEY (id),
    CONSTRAINT conversations_public_id_key UNIQUE (public_id),
    CONSTRAINT conversations_integration_id_fkey FOREIGN KEY (integration_id) REFERENCES chatbot_integrations (id) ON DELETE SET NULL,
    CONSTRAINT conversations_patient_id_fkey FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE SET NULL
);
COMMENT ON TABLE conversations IS 'Chat conversations with patients; status: active, closed, archived; channel: whatsapp, web, telegram; external_id is the id on the channel.';

CREATE TABLE messages (
    id              uuid         NOT NULL DEFAULT gen_random_uuid(),
    public_id       varchar(255) NOT NULL DEFAULT ${schema.platform}.generate_public_id('msg'),
    conversation_id uuid,
    sender_type     varchar(50)  NOT NULL,
    content         text         NOT NULL,
    message_type    varchar(50)           DEFAULT 'text',
    metadata        jsonb,
    sent_at         timestamp             DEFAULT now(),
    read_at         timestamp,
    CONSTRAINT messages_pkey PRIMARY KEY (id),
    CONSTRAINT messages_public_id_key UNIQUE (public_id),
    CONSTRAINT messages_conversation_id_fkey FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE CASCADE
);
COMMENT ON TABLE messages IS 'Messages of a conversation; sender_type: user, bot, system; message_type: text, image, file, button.';

CREATE TRIGGER update_chatbot_flows_updated_at BEFORE UPDATE ON chatbot_flows
    FOR EACH ROW EXECUTE FUNCTION ${schema.platform}.set_updated_at();
CREATE TRIGGER update_chatbot_nodes_updated_at BEFORE UPDATE ON chatbot_nodes
    FOR EACH ROW EXECUTE FUNCTION ${schema.platform}.set_updated_at();
CREATE TRIGGER update_chatbot_templates_updated_at BEFORE UPDATE ON chatbot_templates
    FOR EACH ROW EXECUTE FUNCTION ${schema.platform}.set_updated_at();
CREATE TRIGGER update_chatbot_integrations_updated_at BEFORE UPDATE ON chatbot_integrations
    FOR EACH ROW EXECUTE FUNCTION ${schema.platform}.set_updated_at();
CREATE TRIGGER update_conversations_updated_at BEFORE UPDATE ON conversations
    FOR EACH ROW EXECUTE FUNCTION ${schema.platform}.set_updated_at();
