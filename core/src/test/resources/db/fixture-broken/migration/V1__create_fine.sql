CREATE TABLE fine (id integer NOT NULL, CONSTRAINT pk_fine PRIMARY KEY (id));
