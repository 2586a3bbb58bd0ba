-- V2 ("phase 1 improvements"): enum types, message_feedback, columns converted to the enums, the
-- feedback JSON moved into rows. One transaction: a failure leaves V1 exactly as it was (defect 3:
-- the application converted the columns while the text defaults and CHECKs still existed, which
-- fails, and being no transaction left half of phase 1 behind).

-- 1. Every existing value must be a label of its enum; abort naming the column otherwise.
SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

DO $check$
DECLARE
    bad text;
BEGIN
    SELECT string_agg(DISTINCT quote_literal(language), ', ') INTO bad
      FROM ${schema}.sessions WHERE language NOT IN ('en', 'es', 'fr', 'de');
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'messaging V2: column sessions.language (session language) holds values outside session_language: %', bad;
    END IF;
    SELECT string_agg(DISTINCT quote_literal(level), ', ') INTO bad
      FROM ${schema}.sessions WHERE level NOT IN ('beginner', 'intermediate', 'advanced');
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'messaging V2: column sessions.level (session level) holds values outside session_level: %', bad;
    END IF;
    SELECT string_agg(DISTINCT quote_literal(status), ', ') INTO bad
      FROM ${schema}.sessions WHERE status NOT IN ('active', 'archived', 'deleted');
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'messaging V2: column sessions.status (session status) holds values outside session_status: %', bad;
    END IF;
    SELECT string_agg(DISTINCT quote_literal(type), ', ') INTO bad
      FROM ${schema}.messages WHERE type NOT IN ('text', 'audio', 'system');
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'messaging V2: column messages.type (message type) holds values outside message_type: %', bad;
    END IF;
END
$check$;

-- 2. The enum types.
CREATE TYPE ${schema}.session_language AS ENUM ('en', 'es', 'fr', 'de');
CREATE TYPE ${schema}.session_level AS ENUM ('beginner', 'intermediate', 'advanced');
CREATE TYPE ${schema}.session_status AS ENUM ('active', 'archived', 'deleted');
CREATE TYPE ${schema}.message_type AS ENUM ('text', 'audio', 'system');

-- 3. Convert the columns: CHECKs and text defaults first, then the type, then the defaults as labels.
ALTER TABLE ${schema}.sessions
    DROP CONSTRAINT valid_language,
    DROP CONSTRAINT valid_level,
    DROP CONSTRAINT valid_status,
    ALTER COLUMN language DROP DEFAULT,
    ALTER COLUMN level DROP DEFAULT,
    ALTER COLUMN status DROP DEFAULT;
-- lint:ignore SM001, SM011 text -> enum conversion is the point of phase 1 and has no online form without the application writing both columns; every stored value is checked by the CHECK constraints first, so none is lost (undo converts back); the README gives what a deploy costs
ALTER TABLE ${schema}.sessions
    ALTER COLUMN language TYPE ${schema}.session_language USING language::${schema}.session_language,
    ALTER COLUMN level TYPE ${schema}.session_level USING level::${schema}.session_level,
    ALTER COLUMN status TYPE ${schema}.session_status USING status::${schema}.session_status;
ALTER TABLE ${schema}.sessions
    ALTER COLUMN language SET DEFAULT 'en',
    ALTER COLUMN level SET DEFAULT 'beginner',
    ALTER COLUMN status SET DEFAULT 'active';

ALTER TABLE ${schema}.messages DROP CONSTRAINT valid_type;
-- lint:ignore SM001, SM011 text -> enum conversion of messages.type (no online form without the application writing both columns); values were constrained by valid_type, undo converts back; the README gives what a deploy costs
ALTER TABLE ${schema}.messages
    ALTER COLUMN type TYPE ${schema}.message_type USING type::${schema}.message_type;

-- 4. Pronunciation feedback, one row per assessment.
CREATE TABLE ${schema}.message_feedback (
    id                  uuid        NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    message_id          uuid        NOT NULL,
    pronunciation_score numeric,
    accuracy_score      numeric,
    fluency_score       numeric,
    completeness_score  numeric,
    created_at          timestamptz DEFAULT now(),
    updated_at          timestamptz DEFAULT now(),
    CONSTRAINT message_feedback_pkey PRIMARY KEY (id),
    CONSTRAINT message_feedback_message_id_fkey FOREIGN KEY (message_id) REFERENCES ${schema}.messages (id) ON DELETE CASCADE,
    CONSTRAINT message_feedback_pronunciation_score_check CHECK (pronunciation_score >= 0 AND pronunciation_score <= 100),
    CONSTRAINT message_feedback_accuracy_score_check CHECK (accuracy_score >= 0 AND accuracy_score <= 100),
    CONSTRAINT message_feedback_fluency_score_check CHECK (fluency_score >= 0 AND fluency_score <= 100),
    CONSTRAINT message_feedback_completeness_score_check CHECK (completeness_score >= 0 AND completeness_score <= 100)
);
COMMENT ON TABLE ${schema}.message_feedback IS 'Pronunciation feedback on a message: four scores from 0 to 100.';

CREATE INDEX message_feedback_message_id_idx ON ${schema}.message_feedback (message_id);
CREATE INDEX message_feedback_created_at_idx ON ${schema}.message_feedback (created_at);

CREATE FUNCTION ${schema}.update_updated_at_column()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION ${schema}.update_updated_at_column() IS 'BEFORE UPDATE row trigger: sets updated_at to now().';
REVOKE ALL ON FUNCTION ${schema}.update_updated_at_column() FROM PUBLIC;

CREATE TRIGGER update_message_feedback_updated_at
    BEFORE UPDATE ON ${schema}.message_feedback
    FOR EACH ROW EXECUTE FUNCTION ${schema}.update_updated_at_column();

-- 5. Move the feedback JSON into rows (one per message that has an object), keeping created_at.
DO $check$
DECLARE
    bad text;
BEGIN
    SELECT string_agg(m.id::text || ' (' || k.key || ' = ' || k.value || ')', ', ') INTO bad
      FROM ${schema}.messages m
      CROSS JOIN LATERAL jsonb_each_text(m.feedback) k
     WHERE jsonb_typeof(m.feedback) = 'object'
       AND k.key IN ('pronunciation_score', 'accuracy_score', 'fluency_score', 'completeness_score')
       AND k.value IS NOT NULL
       AND CASE WHEN k.value ~ '^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$'
                THEN k.value::numeric NOT BETWEEN 0 AND 100
                ELSE true
           END;
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'messaging V2: feedback scores must be numbers from 0 to 100; offending messages: %', bad;
    END IF;
END
$check$;

INSERT INTO ${schema}.message_feedback
       (message_id, pronunciation_score, accuracy_score, fluency_score, completeness_score, created_at, updated_at)
SELECT m.id,
       (m.feedback ->> 'pronunciation_score')::numeric,
       (m.feedback ->> 'accuracy_score')::numeric,
       (m.feedback ->> 'fluency_score')::numeric,
       (m.feedback ->> 'completeness_score')::numeric,
       m.created_at,
       m.created_at
  FROM ${schema}.messages m
 WHERE jsonb_typeof(m.feedback) = 'object';

-- lint:ignore SM001 the feedback JSON was copied into message_feedback just above (same transaction); undo restores the column from that table
ALTER TABLE ${schema}.messages DROP COLUMN feedback;

-- 6. Composite indexes for the common reads: V2.1, built CONCURRENTLY.

-- 7. RLS on feedback: visible and insertable when the message's session belongs to the caller.
ALTER TABLE ${schema}.message_feedback ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Users can view feedback for their messages" ON ${schema}.message_feedback
    FOR SELECT TO authenticated
    USING (EXISTS (SELECT 1 FROM ${schema}.messages m JOIN ${schema}.sessions s ON s.id = m.session_id
                   WHERE m.id = message_feedback.message_id AND s.user_id = (SELECT ${schema.auth}.uid())));
CREATE POLICY "Users can insert feedback for their messages" ON ${schema}.message_feedback
    FOR INSERT TO authenticated
    WITH CHECK (EXISTS (SELECT 1 FROM ${schema}.messages m JOIN ${schema}.sessions s ON s.id = m.session_id
                        WHERE m.id = message_feedback.message_id AND s.user_id = (SELECT ${schema.auth}.uid())));

GRANT SELECT ON ${schema}.message_feedback TO anon;
GRANT SELECT, INSERT ON ${schema}.message_feedback TO authenticated;
GRANT SELECT, INSERT, UPDATE, DELETE ON ${schema}.message_feedback TO service_role;
