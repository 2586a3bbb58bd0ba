-- Reverts V5: function, views, tables (with their indexes, trigger and the funnel reference rows).
DROP FUNCTION calculate_funnel_velocity(varchar, varchar);
DROP VIEW session_conversion_summary;
DROP VIEW form_completion_rates;
DROP VIEW funnel_conversion_rates;
DROP TABLE funnel_definitions;
DROP TABLE form_field_analytics;
DROP TABLE user_sessions;
DROP TABLE analytics_events;
