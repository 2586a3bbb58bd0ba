ALTER TABLE owners DROP COLUMN kind;
DROP TYPE owner_kind;
