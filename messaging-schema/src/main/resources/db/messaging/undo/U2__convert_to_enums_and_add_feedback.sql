-- Reverts V2: the feedback rows go back into messages.feedback (the latest row per message, only the
-- scores that are set), message_feedback and the enum types are dropped, the columns become text
-- again with their V1 defaults and CHECK constraints.

ALTER TABLE ${schema}.messages ADD COLUMN feedback jsonb;
UPDATE ${schema}.messages m
   SET feedback = f.doc
  FROM (SELECT DISTINCT ON (mf.message_id)
               mf.message_id,
               jsonb_strip_nulls(jsonb_build_object(
                   'pronunciation_score', mf.pronunciation_score,
                   'accuracy_score', mf.accuracy_score,
                   'fluency_score', mf.fluency_score,
                   'completeness_score', mf.completeness_score)) AS doc
          FROM ${schema}.message_feedback mf
         ORDER BY mf.message_id, mf.created_at DESC, mf.id) f
 WHERE f.message_id = m.id;

DROP TABLE ${schema}.message_feedback;
DROP FUNCTION ${schema}.update_updated_at_column();

ALTER TABLE ${schema}.sessions
    ALTER COLUMN language DROP DEFAULT,
    ALTER COLUMN level DROP DEFAULT,
    ALTER COLUMN status DROP DEFAULT;
ALTER TABLE ${schema}.sessions
    ALTER COLUMN language TYPE text USING language::text,
    ALTER COLUMN level TYPE text USING level::text,
    ALTER COLUMN status TYPE text USING status::text;
ALTER TABLE ${schema}.sessions
    ALTER COLUMN language SET DEFAULT 'en',
    ALTER COLUMN level SET DEFAULT 'beginner',
    ALTER COLUMN status SET DEFAULT 'active',
    ADD CONSTRAINT valid_language CHECK (language IN ('en', 'es', 'fr', 'de')),
    ADD CONSTRAINT valid_level CHECK (level IN ('beginner', 'intermediate', 'advanced')),
    ADD CONSTRAINT valid_status CHECK (status IN ('active', 'archived', 'deleted'));

ALTER TABLE ${schema}.messages
    ALTER COLUMN type TYPE text USING type::text;
ALTER TABLE ${schema}.messages
    ADD CONSTRAINT valid_type CHECK (type IN ('text', 'audio', 'system'));

DROP TYPE ${schema}.message_type;
DROP TYPE ${schema}.session_status;
DROP TYPE ${schema}.session_level;
DROP TYPE ${schema}.session_language;
