ALTER TABLE invoices DROP COLUMN owner_id;
