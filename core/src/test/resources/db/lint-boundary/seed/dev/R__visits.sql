INSERT INTO ${schema}.visits (started_at) SELECT now() WHERE NOT EXISTS (SELECT 1 FROM ${schema}.visits);
INSERT INTO clinic.patients (id) VALUES (1) ON CONFLICT DO NOTHING;
