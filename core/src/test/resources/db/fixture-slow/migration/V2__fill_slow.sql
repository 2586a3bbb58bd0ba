SELECT pg_sleep(0.5);
INSERT INTO slow SELECT generate_series(1, 10);
