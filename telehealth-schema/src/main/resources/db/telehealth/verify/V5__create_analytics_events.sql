-- Asserts V5: tables, 12 indexes, views, 20 funnel steps, calculate_funnel_velocity callable. Catalog
-- checks go through the engine's shared helpers (pg_temp.verify_*).
DO $$
BEGIN
    PERFORM pg_temp.verify_expect('telehealth V5', 'tables missing', ARRAY(
        SELECT t FROM unnest(ARRAY['analytics_events', 'user_sessions', 'form_field_analytics', 'funnel_definitions']) AS t
         WHERE t NOT IN (SELECT rel FROM pg_temp.verify_relations('${schema}') WHERE kind = 'r')));
    PERFORM pg_temp.verify_expect('telehealth V5', 'views missing', ARRAY(
        SELECT v FROM unnest(ARRAY['funnel_conversion_rates', 'form_completion_rates', 'session_conversion_summary']) AS v
         WHERE v NOT IN (SELECT rel FROM pg_temp.verify_relations('${schema}') WHERE kind IN ('v', 'm'))));
    PERFORM pg_temp.verify_expect('telehealth V5', 'indexes missing', ARRAY(
        SELECT i FROM unnest(ARRAY['idx_analytics_user', 'idx_analytics_session', 'idx_analytics_type', 'idx_analytics_category',
                                   'idx_analytics_created', 'idx_sessions_user', 'idx_sessions_started', 'idx_sessions_converted',
                                   'idx_form_field_unique', 'idx_form_fields_session', 'idx_form_fields_form', 'idx_funnel_step']) AS i
         WHERE i NOT IN (SELECT idx FROM pg_temp.verify_indexes('${schema}'))));
    IF (SELECT count(*) FROM funnel_definitions) < 20
       OR (SELECT count(DISTINCT funnel_name) FROM funnel_definitions WHERE funnel_name IN ('consultation', 'prescription', 'refill')) <> 3 THEN
        RAISE EXCEPTION 'telehealth V5: the 20 funnel steps are missing';
    END IF;
    PERFORM * FROM calculate_funnel_velocity('verify-session', 'consultation');
    PERFORM * FROM funnel_conversion_rates;
    PERFORM * FROM form_completion_rates;
    PERFORM * FROM session_conversion_summary;
END
$$;
