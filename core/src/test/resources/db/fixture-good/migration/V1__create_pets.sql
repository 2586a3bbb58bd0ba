-- declares requires=fixture-base>=2, so it may reference ${schema.fixture_base}
CREATE TABLE pets (
    id       integer NOT NULL,
    owner_id integer NOT NULL,
    CONSTRAINT pk_pets PRIMARY KEY (id),
    CONSTRAINT fk_pets_owner_id FOREIGN KEY (owner_id) REFERENCES ${schema.fixture_base}.owners (id) ON DELETE CASCADE
);
