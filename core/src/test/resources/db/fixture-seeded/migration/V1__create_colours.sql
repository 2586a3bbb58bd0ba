CREATE TABLE colours (name text NOT NULL, CONSTRAINT pk_colours PRIMARY KEY (name));
