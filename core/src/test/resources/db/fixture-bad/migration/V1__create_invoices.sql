CREATE TABLE invoices (
    id integer NOT NULL,
    CONSTRAINT pk_invoices PRIMARY KEY (id)
);
