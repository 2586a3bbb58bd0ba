DROP FUNCTION ${schema}.touch();
DROP FUNCTION ${schema}.visit_minutes(bigint);
DROP TABLE lint_boundary_log.events;
DROP TABLE ${schema}.visits;
