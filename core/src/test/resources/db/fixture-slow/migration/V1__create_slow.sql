SELECT pg_sleep(1);
CREATE TABLE slow (id integer NOT NULL, CONSTRAINT pk_slow PRIMARY KEY (id));
