INSERT INTO ${schema}.things (id, name) VALUES (1, 'one') ON CONFLICT (id) DO NOTHING;
INSERT INTO ${schema}.things (id, name) VALUES (2, 'two');
