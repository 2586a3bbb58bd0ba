-- Lint fixture (LinterModuleTest): a clean migration.
CREATE TABLE ${schema}.things (
    id   bigint NOT NULL,
    name text   NOT NULL,
    CONSTRAINT pk_things PRIMARY KEY (id)
);
CREATE INDEX idx_things_name ON ${schema}.things (name);
