CREATE TABLE notes (
    id     integer NOT NULL,
    owner  text    NOT NULL,
    body   text    NOT NULL DEFAULT 'empty',
    CONSTRAINT pk_notes PRIMARY KEY (id)
);
CREATE INDEX idx_notes_owner ON notes (owner);
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY notes_owner_only ON notes FOR SELECT USING (owner = current_user);
