CREATE TABLE owners (
    id   integer NOT NULL,
    name text    NOT NULL,
    CONSTRAINT pk_owners PRIMARY KEY (id)
);
