INSERT INTO colours (name) VALUES ('red'), ('green'), ('blue') ON CONFLICT (name) DO NOTHING;
