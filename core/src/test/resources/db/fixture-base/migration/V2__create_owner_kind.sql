CREATE TYPE owner_kind AS ENUM ('person', 'company');
ALTER TABLE owners ADD COLUMN kind owner_kind;
