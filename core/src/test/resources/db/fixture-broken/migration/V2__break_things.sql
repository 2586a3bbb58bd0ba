CREATE TABLE half (id integer NOT NULL);

CREATE TABLE broken (id integer NOT NULL,, name text);
